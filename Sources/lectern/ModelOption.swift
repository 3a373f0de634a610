import ArgumentParser

/// `--model DIR`, shared by every command that reads the embedding model.
struct ModelOption: ParsableArguments {
    @Option(name: .customLong("model"), help: "Model directory (default: $LECTERN_MODEL_DIR or models/all-MiniLM-L6-v2).")
    var directory: String?
}
