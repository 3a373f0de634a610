import Foundation

/// A piece of media found inside text, waiting for the text around it to become its block.
struct FoundMedia: Sendable, Equatable {
    var kind: String
    var target: String
    var caption: String
}

/// Which elements and links count as media, shared by the HTML, Markdown and Editor.js readers
/// so the same video is the same kind of reference whichever format mentions it.
enum HTMLMedia {
    static func kind(ofElement name: String) -> String? {
        switch name {
        case "img": return "image"
        case "video": return "video"
        case "audio": return "audio"
        case "iframe", "embed", "object": return "embed"
        default: return nil
        }
    }

    private static let videoHosts = ["youtube.com", "youtu.be", "youtube-nocookie.com", "vimeo.com", "loom.com", "wistia.com"]
    private static let videoExtensions = ["mp4", "webm", "ogv", "mov", "m4v"]
    private static let audioExtensions = ["mp3", "ogg", "wav", "m4a", "flac"]

    /// "video" or "audio" for a link to a video host or a media file; nil for an ordinary link.
    static func kind(ofLink url: String) -> String? {
        let lowered = url.lowercased()
        let withoutQuery = lowered.split(whereSeparator: { $0 == "?" || $0 == "#" }).first.map(String.init) ?? lowered
        let afterScheme = withoutQuery.components(separatedBy: "://").last ?? withoutQuery
        let host = afterScheme.split(separator: "/").first.map(String.init) ?? ""
        if lowered.contains("://"), videoHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) }) { return "video" }
        let fileExtension = withoutQuery.split(separator: ".").last.map(String.init) ?? ""
        if withoutQuery.contains("."), videoExtensions.contains(fileExtension) { return "video" }
        if withoutQuery.contains("."), audioExtensions.contains(fileExtension) { return "audio" }
        return nil
    }
}
