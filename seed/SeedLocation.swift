import Foundation

/// Where the demo's stories are: copied beside the executable as a resource bundle, or, when the
/// tool runs from its source tree, in seed/stories. Looked up by hand, so that a binary copied
/// elsewhere reports a missing seed instead of stopping.
public enum SeedLocation {
    public static func storiesDirectory() -> URL? {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["STUDYLEAVE_SEED"] { candidates.append(URL(fileURLWithPath: env)) }
        // The source tree first (freshest while developing), then the copy built beside the tool.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("stories"))
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent("StudyLeave_StudyLeaveSeed.resources/stories"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("StudyLeave_StudyLeaveSeed.resources/stories"))
        candidates.append(URL(fileURLWithPath: "seed/stories"))
        return candidates.first { url in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
        }
    }

    /// The story files in order (their names start with a number: 01-…txt).
    public static func storyFiles() -> [URL] {
        guard let dir = storiesDirectory(),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".txt") && $0.first?.isNumber == true }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// The tour the demo prints: headings (`## …`) and the queries under them.
    public static func tourFile() -> URL? {
        storiesDirectory().map { $0.appendingPathComponent("tour.txt") }
    }
}
