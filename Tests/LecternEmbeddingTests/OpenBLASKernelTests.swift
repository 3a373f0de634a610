import Testing
import LecternEmbedding

/// Which OpenBLAS choices make an executable start again with other kernels.
struct OpenBLASKernelTests {
    @Test func fallbacksAndNarrowCoresAreReplaced() {
        // An unknown model's SSE3 fallback, on AVX-512 and on AVX2 machines.
        #expect(OpenBLASKernel.betterCore(than: "Prescott", forCPU: "SkylakeX") == "SkylakeX")
        #expect(OpenBLASKernel.betterCore(than: "Prescott", forCPU: "Haswell") == "Haswell")
        // AVX2 kernels on a CPU with AVX-512 (a Zen 5 reports "Zen" or "Haswell").
        #expect(OpenBLASKernel.betterCore(than: "Zen", forCPU: "SkylakeX") == "SkylakeX")
        #expect(OpenBLASKernel.betterCore(than: "Haswell", forCPU: "SkylakeX") == "SkylakeX")
    }

    @Test func rightChoicesAndUnknownCPUsStay() {
        #expect(OpenBLASKernel.betterCore(than: "Haswell", forCPU: "Haswell") == nil)
        #expect(OpenBLASKernel.betterCore(than: "Zen", forCPU: "Haswell") == nil)
        #expect(OpenBLASKernel.betterCore(than: "SkylakeX", forCPU: "SkylakeX") == nil)
        #expect(OpenBLASKernel.betterCore(than: "Cooperlake", forCPU: "SkylakeX") == nil)
        #expect(OpenBLASKernel.betterCore(than: "Prescott", forCPU: nil) == nil)
    }
}
