#!/usr/bin/env python3
"""Signs in to the web view in a real headless Chromium, as an officer would, and photographs a page.

    browser_signin.py BASE_URL TOKEN PAGE_PATH OUT.png

Drives Chromium over the DevTools protocol (a websocket, written here with the standard library
only, so that CI needs nothing from PyPI): opens /signin, types the token into the form's field,
clicks the button, follows the redirect, opens PAGE_PATH and takes a screenshot. Prints one JSON
object: where the sign-in landed, the page's title and text, whether a page script can see the
cookie (it must not: HttpOnly). Exit 0 when every step worked.
"""
import base64, json, os, re, shutil, socket, struct, subprocess, sys, tempfile, time, urllib.request


class WebSocket:
    def __init__(self, url):
        m = re.match(r"ws://([^:/]+):(\d+)(/.*)", url)
        host, port, path = m.group(1), int(m.group(2)), m.group(3)
        self.sock = socket.create_connection((host, port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("no websocket: " + head.decode(errors="replace"))

    def send(self, text):
        data = text.encode()
        mask = os.urandom(4)
        n = len(data)
        header = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n) if n < 65536
                                  else bytes([0x80 | 127]) + struct.pack(">Q", n))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def exact(self, n):
        out = b""
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                raise RuntimeError("the browser closed the connection")
            out += chunk
        return out

    def receive(self):
        message = b""
        while True:
            b0, b1 = self.exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self.exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self.exact(8))[0]
            payload = self.exact(n)
            message += payload
            if b0 & 0x80:
                return message.decode()


class Browser:
    def __init__(self):
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            raise SystemExit("chromium is not installed (.ci/run installs it)")
        self.profile = tempfile.mkdtemp(prefix="studyleave-chromium-")
        self.log = open(os.path.join(self.profile, "stderr.txt"), "w+")
        self.proc = subprocess.Popen([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                      "--window-size=1280,900", "--remote-debugging-port=0", f"--user-data-dir={self.profile}",
                                      "about:blank"], stdout=subprocess.DEVNULL, stderr=self.log)
        port = None
        deadline = time.time() + 60
        while port is None and time.time() < deadline:
            time.sleep(0.1)
            self.log.seek(0)
            m = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", self.log.read())
            port = m and m.group(1)
        if port is None:
            raise RuntimeError("chromium did not start")
        pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(p for p in pages if p["type"] == "page")
        self.ws = WebSocket(page["webSocketDebuggerUrl"])
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        my = self.next_id
        self.ws.send(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.receive())
            if msg.get("id") == my:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_load(self, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e.get("method") == "Page.loadEventFired":
                    del self.events[: i + 1]
                    return
            self.events.append(json.loads(self.ws.receive()))
        raise RuntimeError("the page did not load")

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def open(self, url):
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_load()

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    base, token, page, out = sys.argv[1:5]
    b = Browser()
    try:
        b.call("Page.enable")
        b.open(base + "/signin")
        # Types the token as a person would, then presses the form's button.
        b.evaluate("document.querySelector('input[name=token]').focus()")
        b.call("Input.insertText", text=token)
        b.events.clear()
        b.evaluate("document.querySelector('form.signin button').click()")
        b.wait_load()
        landed = b.evaluate("location.pathname")
        b.open(base + page)
        result = {
            "landed": landed,
            "title": b.evaluate("document.title"),
            "text": b.evaluate("document.body.innerText"),
            "cookieVisibleToScripts": b.evaluate("document.cookie") != "",
            "url": b.evaluate("location.pathname + location.search"),
        }
        shot = b.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        with open(out, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        print(json.dumps(result, ensure_ascii=False))
    finally:
        b.close()


if __name__ == "__main__":
    main()
