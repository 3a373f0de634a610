/// Tells questions from greetings, thanks and other chatter. A message counts as a question when,
/// after a leading greeting is dropped, it asks (ends in "?" or opens like a question or request),
/// has at least one word that is not chatter and one content word. Kept text is the message
/// without the greeting and without what follows its last question mark.
public enum QuestionFilter {
    /// Words that carry no question on their own ("thanks, ok, got it").
    static let chatter: Set<String> = [
        "hi", "hello", "hey", "hiya", "yo", "greetings", "good", "morning", "afternoon", "evening", "there", "all",
        "thanks", "thank", "thx", "ty", "you", "so", "much", "very", "a", "lot", "lots", "cheers", "appreciated",
        "ok", "okay", "k", "kk", "cool", "great", "nice", "awesome", "perfect", "fine", "sure", "yes", "yeah", "yep",
        "no", "nope", "got", "it", "i", "see", "understand", "understood", "makes", "sense", "that", "this", "helped",
        "helps", "helpful", "bye", "goodbye", "later", "see", "ya", "lol", "haha", "wow", "oh", "ah", "hmm", "right",
        "alright", "done", "works", "worked", "now", "again", "the", "and", "for", "is", "was", "me", "bot", "tutor",
        "really", "huh", "seriously", "sorry", "pardon", "umm", "um", "uh", "idk", "nvm", "please", "pls", "plz",
    ]

    /// Opening words of a question or a request.
    static let openers: Set<String> = [
        "how", "what", "why", "when", "where", "which", "who", "whom", "whose", "can", "could", "should", "would",
        "will", "is", "are", "am", "do", "does", "did", "was", "were", "has", "have", "may", "might", "shall",
        "explain", "show", "tell", "help", "describe", "define", "give", "difference", "whats", "hows", "isnt",
        "any", "meaning", "example",
    ]

    static let greetingOpeners: Set<String> = ["hi", "hello", "hey", "hiya", "greetings", "yo", "good", "morning",
                                               "afternoon", "evening", "there", "thanks", "thank", "you", "ok", "okay"]

    /// The question in `message`, or nil when it is chatter.
    public static func question(in message: String) -> String? {
        var text = message.trimmingCharacters(in: " \t\n\r")
        guard !text.isEmpty else { return nil }
        text = droppingGreeting(text)
        let words = TextNormalizer.words(text)
        guard !words.isEmpty, words.contains(where: { !chatter.contains($0) }) else { return nil }
        // "Why?", "What??", "how so?": a question word alone asks nothing an FAQ could answer.
        guard !TextNormalizer.contentWords(text).isEmpty else { return nil }
        if let mark = text.lastIndex(of: "?") {
            // What follows the last question mark ("… call me on [phone]") is not the question.
            return String(text[...mark])
        }
        guard let first = words.first, openers.contains(first), words.count >= 3 else { return nil }
        return text
    }

    /// "Hi! How do I …" → "How do I …": the greeting is a sentence of its own, or is followed by a
    /// comma.
    static func droppingGreeting(_ text: String) -> String {
        var rest = Substring(text)
        while true {
            guard let stop = rest.firstIndex(where: { ".!,;:\n".contains($0) }) else { return String(rest) }
            let head = TextNormalizer.words(String(rest[..<stop]))
            guard !head.isEmpty, head.allSatisfy({ greetingOpeners.contains($0) || chatter.contains($0) }) else { return String(rest) }
            let after = rest[rest.index(after: stop)...].drop { " \t\n!.,;:".contains($0) }
            if after.isEmpty { return String(rest) }
            rest = after
        }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
