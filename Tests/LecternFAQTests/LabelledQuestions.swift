import LecternFAQ

/// Hand-written questions of two lessons, each labelled with the intent a person would give it.
/// Several intents are deliberately close to another one ("undo a commit" / "undo a push" /
/// "undo a commit but keep the changes"; "sort" / "sort descending" / "reverse"). Counts are how
/// often each phrasing is asked; totals per intent are distinct so "the 10 most asked" is exact.
/// Some askings carry a greeting in front or personal data, which must not reach any output.
enum LabelledQuestions {
    struct Entry {
        let label: String, count: Int, text: String
    }

    static let course = "git-basics"
    static let gitLesson = "undoing-changes"
    static let pythonCourse = "intro-python"
    static let pythonLesson = "lists"

    static func parse(_ table: String) -> [Entry] {
        table.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "|", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3, let count = Int(parts[1]) else { return nil }
            return Entry(label: parts[0], count: count, text: parts[2])
        }
    }

    // label | times asked | text
    static let git = parse("""
        undo_commit | 9 | How do I undo my last commit?
        undo_commit | 4 | How can I undo the most recent commit?
        undo_commit | 3 | how to undo last commit
        undo_commit | 2 | Hi! How do I undo my last commit?
        undo_commit | 2 | Can I undo a commit I just made?
        undo_commit | 1 | Is there a way to undo the commit I made a minute ago?
        undo_push | 4 | How do I undo a push?
        undo_push | 3 | How can I undo a commit I already pushed to the remote?
        undo_push | 2 | I pushed by mistake, how do I take the push back?
        undo_push | 2 | How do I undo changes that are already pushed to GitHub?
        keep_changes | 5 | How can I revert the last commit but keep my changes?
        keep_changes | 3 | How do I uncommit without losing my work?
        keep_changes | 2 | How to undo a commit but keep the file changes?
        unstage | 6 | How do I unstage a file?
        unstage | 3 | How can I remove a file from the staging area?
        unstage | 2 | I'm anna.berg@example.com and I staged the wrong file, how do I unstage it?
        unstage | 2 | How do I undo git add for one file?
        discard | 5 | How do I discard changes in a file?
        discard | 3 | How can I throw away my local edits to a file?
        discard | 2 | How do I get rid of uncommitted changes in my working directory?
        discard | 2 | How do I restore a file to how it was at the last commit?
        amend_message | 4 | How do I change the last commit message?
        amend_message | 3 | How can I fix a typo in my commit message?
        amend_message | 2 | How to edit the message of the previous commit?
        amend_file | 3 | How do I add a forgotten file to my last commit?
        amend_file | 2 | I forgot to include a file in the commit, how do I add it to that commit?
        reset_revert | 4 | What is the difference between git reset and git revert?
        reset_revert | 2 | When should I use reset instead of revert?
        reset_revert | 2 | git reset vs git revert, which one should I use?
        recover_branch | 3 | How do I recover a deleted branch?
        recover_branch | 2 | I deleted a branch by accident, can I get it back?
        recover_branch | 1 | How can I restore a branch that I removed? Call me on +46 70 123 45 67
        reflog | 2 | What does git reflog show?
        reflog | 1 | What is the reflog for?
        reflog | 1 | What is git reflog used for?
        stash | 3 | How do I stash my changes?
        stash | 2 | How can I save my work temporarily without committing it?
        stash | 2 | How do I put my changes aside for later?
        stash_pop_apply | 2 | What is the difference between git stash pop and git stash apply?
        stash_pop_apply | 1 | Should I use stash pop or stash apply?
        """)

    static let python = parse("""
        remove_item | 8 | How do I remove an item from a list?
        remove_item | 4 | How can I delete an element from a list?
        remove_item | 2 | How do I take a value out of a list?
        remove_item | 1 | Remove item from list?
        remove_index | 2 | How do I remove the item at a given index?
        remove_index | 1 | How do I delete a list element by its position?
        append_extend | 6 | What is the difference between append and extend?
        append_extend | 3 | append vs extend?
        append_extend | 2 | When do I use extend instead of append?
        sort | 5 | How do I sort a list?
        sort | 3 | How can I put a list in order?
        sort | 1 | How to sort a list of numbers?
        sort_desc | 3 | How do I sort a list in descending order?
        sort_desc | 2 | How can I sort a list from largest to smallest?
        reverse | 1 | How do I reverse a list?
        reverse | 1 | How can I flip the order of a list?
        copy | 4 | How do I copy a list?
        copy | 2 | How can I make a copy of a list so changes don't affect the original?
        copy | 2 | Why does changing my new list also change the old one?
        length | 4 | How do I get the length of a list?
        length | 3 | How can I count how many items are in a list?
        length | 3 | How many elements does my list have?
        contains | 3 | How do I check if a value is in a list?
        contains | 2 | How can I test whether a list contains an item?
        contains | 1 | Is there a way to see if something is in my list? my key is sk-proj-4fQ9xZ2LmN8pR7tY1wK3
        index_error | 4 | Why do I get IndexError: list index out of range?
        index_error | 2 | What does list index out of range mean?
        index_error | 1 | Why is my index out of range?
        slicing | 2 | How does list slicing work?
        slicing | 1 | How do I get part of a list?
        slicing | 1 | What does my_list[1:3] return?
        """)

    /// The labels in each group when one lesson's `rows` are grouped with the default options,
    /// every phrasing asked its count of times, a minute apart.
    static func labelsPerGroup(_ rows: [Entry]) throws -> [Set<String>] {
        var askings: [Question] = []
        var t = 1_000.0
        for e in rows { for _ in 0..<e.count { t += 60; askings.append(Question(course: "c", lesson: "l", user: "u", time: t, text: e.text)) } }
        var timing = FAQBuilder.Timing()
        let grouping = FAQBuilder(embedder: try FAQFixtures.embedder(), options: FAQOptions()).group(askings, timing: &timing)[0]
        return grouping.groups.map { g in Set(g.members.map { m in rows.first { $0.text == grouping.phrasings[m].text }!.label }) }
    }

    /// Messages that are not questions; none may become an FAQ question.
    static let chatter = ["hi", "Hello!", "thanks", "thank you, that helped", "ok", "cool", "ok got it", "Thanks a lot!",
                          "hey there", "bye", "that makes sense now", "great, thanks!", "yes", "Good morning"]

    /// Personal data planted in the askings above; none may appear in any output.
    static let secrets = ["anna.berg@example.com", "+46 70 123 45 67", "70 123 45 67", "sk-proj-4fQ9xZ2LmN8pR7tY1wK3"]
}
