import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// OpenBLAS picks its kernels when the library loads, from the CPU model. A release older than
/// the CPU does not know the model and falls back to its oldest kernel (Debian 12's 0.3.21 on an
/// Emerald Rapids Xeon, model 207, chose "Prescott": SSE3, several times slower, and without the
/// small-matrix path the query encoder relies on). The choice can only be changed before the
/// library loads, through OPENBLAS_CORETYPE, so an executable that finds such a fallback on a
/// CPU with AVX2 or AVX-512 sets it and starts itself again.
public enum OpenBLASKernel {
    /// The cores OpenBLAS falls back to for an unknown model (pre-AVX2).
    static let fallbacks: Set<String> = ["prescott", "core2", "penryn", "dunnington", "nehalem", "katmai", "coppermine",
                                         "northwood", "banias", "atom", "unknown"]

    /// Call first thing in `main`. Returns only if no restart is needed (or possible).
    public static func restartWithKnownCoreIfNeeded() {
        guard getenv("OPENBLAS_CORETYPE") == nil, getenv("LECTERN_OPENBLAS_RESTARTED") == nil,
              let name = openblas_get_corename().map({ String(cString: $0).lowercased() }), fallbacks.contains(name),
              let core = coreForThisCPU() else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        setenv("LECTERN_OPENBLAS_RESTARTED", "1", 1)
        let arguments = CommandLine.unsafeArgv
        execv("/proc/self/exe", arguments)
        // execv returns only on failure: carry on with the slow kernels.
    }

    /// SkylakeX kernels need AVX-512 F, BW, DQ, VL and CD; Haswell's need AVX2 and FMA.
    static func coreForThisCPU() -> String? {
        guard let file = fopen("/proc/cpuinfo", "r") else { return nil }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            guard text.hasPrefix("flags") else { continue }
            let flags = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
            if ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"].allSatisfy(flags.contains) { return "SkylakeX" }
            if ["avx2", "fma"].allSatisfy(flags.contains) { return "Haswell" }
            return nil
        }
        return nil
    }

    /// The kernels in use, for benchmark reports.
    public static var coreName: String {
        openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }
}
