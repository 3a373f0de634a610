import Foundation
import Testing

/// `lectern check-alerts` on a proxy log whose windows are known by construction.
struct CheckAlertsTests {
    /// Course a: 10:00–10:05 has 4 calls, 1 error (25 %); 10:05–10:10 has 2 fast successes.
    /// Course b: 10:00–10:05 has 3 successes, one of them slow (p95 index round(0.95·2) = 2 → 5000 ms).
    static func state() throws -> String {
        let folder = try CLI.temporaryDirectory()
        let csv = """
            ID,Time,Course,Status,Latency (ms),Status Code
            a1,2026-05-04 10:00:00,a,success,100,200
            a2,2026-05-04 10:01:00,a,error,200,502
            a3,2026-05-04 10:02:00,a,success,300,200
            a4,2026-05-04 10:04:59.999,a,success,400,200
            a5,2026-05-04 10:05:00,a,success,100,200
            a6,2026-05-04 10:09:00,a,success,100,200
            b1,2026-05-04 10:00:30,b,success,100,200
            b2,2026-05-04 10:03:00,b,success,5000,200
            b3,2026-05-04 10:04:00,b,success,200,200
            a7,2026-05-04 10:10:00,a,error,100,500
            """
        try Data(csv.utf8).write(to: URL(fileURLWithPath: folder + "/AI Proxy Log.csv"))
        let imported = try CLI.run(["import", folder + "/AI Proxy Log.csv", "--state", folder + "/state.sqlite"])
        guard imported.status == 0 else { throw CLIError(imported.stderr) }
        return folder + "/state.sqlite"
    }

    func windows(_ json: String) throws -> [String: [[String: Any]]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        var result: [String: [[String: Any]]] = [:]
        for course in object["courses"] as! [[String: Any]] { result[course["course"] as! String] = course["windows"] as? [[String: Any]] }
        return result
    }

    @Test func bothThresholdsAndTheWindowEdges() throws {
        let state = try Self.state()
        let result = try CLI.run(["check-alerts", "--state", state, "--since", "2026-05-04 10:00:00", "--now", "2026-05-04 10:10:00", "--json"])
        #expect(result.status == 1, "\(result.stderr)")
        let w = try windows(result.stdout)
        #expect(w["a"]?.count == 2 && w["b"]?.count == 1)
        #expect(w["a"]?[0]["requests"] as? Int == 4 && w["a"]?[0]["errors"] as? Int == 1)
        #expect(w["a"]?[0]["error_rate"] as? Double == 25 && w["a"]?[0]["alerting"] as? Bool == true)
        #expect(w["a"]?[0]["p95_ms"] as? Double == 400)
        #expect(w["a"]?[1]["requests"] as? Int == 2 && w["a"]?[1]["alerting"] as? Bool == false, "10:10:00 is --now: not counted")
        #expect(w["b"]?[0]["p95_ms"] as? Double == 5000 && w["b"]?[0]["alerting"] as? Bool == true)
        #expect(w["a"]?[0]["start"] as? String == "2026-05-04T10:00:00Z" && w["a"]?[0]["end"] as? String == "2026-05-04T10:05:00Z")
    }

    @Test func quietWindowsExitZeroAndHigherThresholdsSilenceAlerts() throws {
        let state = try Self.state()
        let quiet = try CLI.run(["check-alerts", "--state", state, "--since", "2026-05-04 10:05:00", "--now", "2026-05-04 10:10:00"])
        #expect(quiet.status == 0, "\(quiet.stdout)")
        #expect(quiet.stdout.contains("a: ok (1 windows with requests, 0 alerting)"), "\(quiet.stdout)")
        let lenient = try CLI.run(["check-alerts", "--state", state, "--since", "2026-05-04 10:00:00", "--now", "2026-05-04 10:10:00",
                                   "--error-rate", "30", "--p95-ms", "6000"])
        #expect(lenient.status == 0, "\(lenient.stdout)")
        let wide = try CLI.run(["check-alerts", "--state", state, "--window", "1h", "--since", "2026-05-04 10:00:00",
                                "--now", "2026-05-04 11:00:00", "--json"])
        // One hour: course a has 7 calls with 2 errors (28.6 %).
        let w = try windows(wide.stdout)
        #expect(w["a"]?.count == 1 && w["a"]?[0]["requests"] as? Int == 7 && w["a"]?[0]["errors"] as? Int == 2)
        #expect(wide.status == 1)
    }

    @Test func textfileInPrometheusFormat() throws {
        let state = try Self.state()
        let file = (state as NSString).deletingLastPathComponent + "/lectern.prom"
        let result = try CLI.run(["check-alerts", "--state", state, "--since", "2026-05-04 10:00:00", "--now", "2026-05-04 10:10:00",
                                  "--textfile", file])
        #expect(result.status == 1)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("# TYPE lectern_proxy_alert gauge\n"))
        #expect(text.contains("lectern_proxy_alert{course=\"a\"} 1\n") && text.contains("lectern_proxy_alert{course=\"b\"} 1\n"))
        #expect(text.contains("lectern_proxy_requests{course=\"a\"} 2\n"), "the latest window of a")
        #expect(text.contains("lectern_proxy_p95_latency_ms{course=\"b\"} 5000\n"))
        // Every sample line is `name{labels} value`.
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.split(separator: " ").count == 2 && Double(line.split(separator: " ")[1]) != nil, "\(line)")
        }
    }

    @Test func badArgumentsExitTwo() throws {
        let state = try Self.state()
        for arguments in [["--window", "five"], ["--now", "soon"], ["--since", "2026-05-05 00:00:00", "--now", "2026-05-04 00:00:00"],
                          ["--timezone", "Mars/Olympus"], ["--state", "/nonexistent/state.sqlite"]] {
            let result = try CLI.run(["check-alerts", "--state", state] + arguments)
            #expect(result.status == 2, "\(arguments): \(result.stdout)")
            #expect(result.stderr.hasPrefix("lectern: "), "\(arguments): \(result.stderr)")
        }
    }
}
