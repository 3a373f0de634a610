import ArgumentParser
import LecternSources

/// How external sources are fetched, shared by `lectern build` and `lectern sources`.
struct FetchOptions: ParsableArguments {
    @Flag(help: "Fetch nothing: use only the copies of external sources cached in state.sqlite.")
    var offline = false

    @Option(help: "Seconds to wait for a source's server to accept the connection.")
    var connectTimeout = 10.0

    @Option(help: "Seconds one source may take in all, redirects included.")
    var fetchTimeout = 60.0

    @Option(help: "Largest source body in bytes (after decompression).")
    var maxSourceBytes = 20 << 20

    @Option(help: "Redirects followed per source.")
    var maxRedirects = 5

    var limits: FetchLimits {
        FetchLimits(connectTimeout: connectTimeout, totalTimeout: fetchTimeout, maxBytes: maxSourceBytes, maxRedirects: maxRedirects)
    }

    func validate() throws {
        guard connectTimeout > 0, fetchTimeout > 0 else { throw ValidationError("timeouts must be above 0 seconds") }
        guard maxSourceBytes > 0, maxRedirects >= 0 else { throw ValidationError("--max-source-bytes must be above 0 and --max-redirects at least 0") }
    }
}
