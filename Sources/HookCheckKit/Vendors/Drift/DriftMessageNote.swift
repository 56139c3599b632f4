import HookCheckModel

/// A line for the text view saying what a message event says: who wrote, in which conversation,
/// and the start of the body (devdocs.drift.com/docs/message-model: author, conversationId, body).
enum DriftMessageNote {
    /// How much of a body the line shows.
    static let bodyLength = 60

    /// `contact 14283652871 said in conversation 2918339151: "Hi! Do you offer…"`, for an event whose
    /// data is a Message; nil when it has no author.
    static func message(_ document: JSONDocument, _ data: Int, clicked: Bool) -> String? {
        guard let author = document.member(data, "author"), document[author].kind == .object else { return nil }
        let who = ["type", "id"].compactMap { document.member(author, $0).flatMap { document.scalarText($0) } }.joined(separator: " ")
        let bot = document.member(author, "bot").map { document.text($0) == "true" } ?? false
        let type = document.member(data, "type").flatMap { document[$0].kind == .string ? document.string($0) : nil } ?? "chat"
        let verb = clicked ? "clicked" : type == "chat" ? "said" : "wrote a " + type.replacingAll("_", with: " ")
        var line = (who.isEmpty ? "someone" : who) + (bot ? " (a bot)" : "") + " " + verb
        if let conversation = document.member(data, "conversationId").flatMap({ document.scalarText($0) }) {
            line += " in conversation " + conversation
        }
        let body = document.member(data, "body").flatMap { document[$0].kind == .string ? document.string($0) : nil }
        return line + ": " + (body.map { "\"\(short($0))\"" } ?? "(no body)")
    }

    /// `button "Translate away!" (babel-on) in conversation 2918339151`, for button_action.
    static func buttonAction(_ document: JSONDocument, _ data: Int) -> String? {
        guard let button = document.member(data, "button"), document[button].kind == .object else { return nil }
        func text(_ index: Int, _ name: String) -> String? {
            document.member(index, name).flatMap { document[$0].kind == .string ? document.string($0) : nil }
        }
        var line = "button"
        if let label = text(button, "label") { line += " \"\(short(label))\"" }
        if let value = text(button, "value") { line += " (\(short(value)))" }
        line += " clicked"
        if let conversation = document.member(data, "conversationId").flatMap({ document.scalarText($0) }) {
            line += " in conversation " + conversation
        }
        return line
    }

    /// The body as a reader sees it: tags left out, entities and blank runs made plain, cut short.
    static func short(_ body: String) -> String {
        var plain = ""
        var inTag = false
        for character in body {
            if character == "<" { inTag = true; plain.append(" "); continue }
            if character == ">", inTag { inTag = false; continue }
            if !inTag { plain.append(character) }
        }
        for (entity, character) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            plain = plain.replacing(entity, with: character)
        }
        let words = plain.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        return words.count > bodyLength ? String(words.prefix(bodyLength - 1)) + "…" : words
    }
}
