import ArgumentParser
import Foundation
import LecternBuild
import LecternEmbedding
import LecternIndex
import LecternReports
import LecternStore

/// Prints one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Runs `body`, turning a model or file problem into one line on stderr and exit status 2.
func reportingFailures<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as EmbeddingError {
        printError("lectern: \(error.message)")
        throw ExitCode(2)
    } catch let error as BuildError {
        printError("lectern: \(error.message)")
        throw ExitCode(2)
    } catch let error as StoreError {
        printError("lectern: \(error.message)")
        throw ExitCode(2)
    } catch let error as IndexError {
        printError("lectern: \(error.message)")
        throw ExitCode(2)
    } catch let error as ReportError {
        printError("lectern: \(error.message)")
        throw ExitCode(2)
    } catch let error as CommandError {
        printError("lectern: \(error.message)")
        throw ExitCode(2)
    }
}

struct CommandError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
