/// The pages' markup, as mustache templates (escaped output: `{{x}}` escapes HTML; the
/// templates use no triple braces). Kept in the binary, so that `studyleave serve` runs wherever
/// the one executable is copied.
enum Templates {
    static let layout = """
        <!DOCTYPE html>
        <html lang="{{htmlLang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · StudyLeave</title>
        <link rel="stylesheet" href="/style.css">
        </head>
        <body>
        <header>
        <a class="brand" href="/">StudyLeave</a>
        {{#hasNav}}<nav>{{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/nav}}</nav>{{/hasNav}}
        <span class="tools">{{#switches}}<a href="{{href}}">{{label}}</a>{{/switches}}
        {{#signedIn}}<form class="signout" method="post" action="/signout"><button type="submit">{{signOutLabel}}</button></form>{{/signedIn}}</span>
        </header>
        <main>
        {{$main}}{{/main}}
        </main>
        <footer>{{footer}}</footer>
        </body>
        </html>
        """

    static let page = """
        {{<layout}}{{$main}}
        <h1>{{title}}</h1>
        {{#subtitle}}<p class="subtitle">{{subtitle}}</p>{{/subtitle}}
        {{#heading}}<p class="heading" role="status">{{heading}}</p>{{/heading}}
        {{#when}}<form class="when" method="get">{{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">{{/hidden}}
        <label>{{asOfLabel}} <input name="as-of" value="{{asOfValue}}" size="10" placeholder="2026-12-01 / 115-12-01"></label>
        {{#yearField}}<label>{{yearLabel}} <input name="year" value="{{yearValue}}" size="4"></label>{{/yearField}}
        <button type="submit">{{showLabel}}</button></form>{{/when}}
        {{#sections}}
        <section>
        {{#title}}<h2>{{title}}</h2>{{/title}}
        {{#hasFacts}}<dl class="facts">{{#facts}}<div><dt>{{label}}</dt><dd>{{value}}</dd></div>{{/facts}}</dl>{{/hasFacts}}
        {{#hasTable}}<table>
        <thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}<tr>{{#cells}}<td{{#numeric}} class="n"{{/numeric}}>{{#href}}<a href="{{href}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}</td>{{/cells}}</tr>
        {{/rows}}{{^rows}}<tr><td class="none" colspan="{{columnCount}}">{{noneLabel}}</td></tr>{{/rows}}
        </tbody>
        </table>{{/hasTable}}
        {{#notes}}<pre class="notes">{{notes}}</pre>{{/notes}}
        {{#hasDownloads}}<p class="downloads">{{#downloads}}<a href="{{href}}">{{label}}</a> {{/downloads}}</p>{{/hasDownloads}}
        </section>
        {{/sections}}
        {{#image}}<figure><img src="{{src}}" alt="{{alt}}" width="1000"><figcaption>{{alt}}</figcaption></figure>{{/image}}
        {{/main}}{{/layout}}
        """

    static let signIn = """
        {{<layout}}{{$main}}
        <h1>{{title}}</h1>
        {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
        <form class="signin" method="post" action="/signin">
        <label>{{tokenLabel}}<br><input type="password" name="token" autocomplete="off" size="50" required autofocus></label>
        <button type="submit">{{signInLabel}}</button>
        </form>
        <p class="help">{{help}}</p>
        {{/main}}{{/layout}}
        """

    static let error = """
        {{<layout}}{{$main}}
        <h1>{{title}}</h1>
        <p class="problem" role="alert">{{message}}</p>
        <p><a href="/">{{homeLabel}}</a></p>
        {{/main}}{{/layout}}
        """

    static let style = """
        :root { color-scheme: light; font-family: "Noto Sans CJK TC", "Noto Sans TC", system-ui, sans-serif; }
        body { margin: 0; color: #1d232a; background: #fff; }
        header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .6rem 1.5rem; background: #1f4e79; color: #fff; }
        header a { color: #fff; text-decoration: none; }
        .brand { font-weight: 700; font-size: 1.1rem; }
        nav { display: flex; gap: .9rem; flex-wrap: wrap; }
        nav a[aria-current] { border-bottom: 2px solid #ffd166; }
        .tools { margin-left: auto; display: flex; gap: .8rem; align-items: center; }
        .signout button { background: none; border: 1px solid #fff8; color: #fff; border-radius: 4px; padding: .15rem .6rem; cursor: pointer; }
        main { padding: 1rem 1.5rem 2rem; max-width: 1200px; }
        h1 { font-size: 1.5rem; margin: .4rem 0; }
        h2 { font-size: 1.15rem; margin: 1.4rem 0 .5rem; }
        .subtitle { color: #4a5561; margin-top: 0; }
        .heading { background: #fff4d6; border-left: 4px solid #e0a800; padding: .4rem .8rem; }
        .when { display: flex; gap: .8rem; align-items: end; flex-wrap: wrap; margin: .8rem 0; }
        .facts { display: flex; flex-wrap: wrap; gap: .4rem 1.6rem; margin: .6rem 0; }
        .facts div { display: flex; gap: .4rem; }
        .facts dt { color: #4a5561; }
        .facts dd { margin: 0; font-weight: 600; }
        table { border-collapse: collapse; margin: .5rem 0; }
        th, td { border: 1px solid #c9d1d9; padding: .3rem .6rem; text-align: left; vertical-align: top; }
        th { background: #eef3f8; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        td.none { color: #4a5561; font-style: italic; }
        .notes { background: #f6f8fa; padding: .6rem; overflow-x: auto; }
        .downloads a { margin-right: .8rem; }
        .problem { color: #a40e26; font-weight: 600; }
        .signin input { font-size: 1rem; padding: .3rem; margin: .3rem 0 .8rem; }
        figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; border: 1px solid #c9d1d9; }
        footer { color: #4a5561; font-size: .85rem; padding: 0 1.5rem 1.5rem; }
        @media print { header, .when, .downloads, .signout { display: none; } }
        """
}
