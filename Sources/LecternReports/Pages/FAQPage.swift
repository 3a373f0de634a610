extension SiteBuilder {
    func faqPage() -> ReportPage {
        var rows: [[ReportValue]] = []
        for draft in snapshot.faqDrafts {
            for (n, item) in draft.items.enumerated() {
                rows.append([.text(draft.name), .text(draft.course), .text(draft.lesson), .count(n + 1), .text(item.question), .text(item.answer)])
            }
        }
        return ReportPage(name: "faq", path: "faq.html", title: "FAQ drafts",
                          summary: "AI FAQ Draft documents: questions learners ask per lesson, with draft answers.",
                          sections: [
            ReportSection(tiles: [ReportTile("drafts", "Drafts", .count(snapshot.faqDrafts.count)), ReportTile("items", "Questions", .count(rows.count))]),
            ReportSection(title: "Questions", table: ReportTable(key: "items", title: "Questions", columns: [
                ReportColumn("draft", "Draft"), ReportColumn("course", "Course"), ReportColumn("lesson", "Lesson"), ReportColumn("idx", "#"),
                ReportColumn("question", "Question"), ReportColumn("answer", "Answer"),
            ], rows: rows, emptyText: "No FAQ drafts yet.")),
        ])
    }
}
