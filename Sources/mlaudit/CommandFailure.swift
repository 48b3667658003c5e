import ArgumentParser
import Foundation

/// A run that could not be carried out (bad configuration, missing input, unwritable
/// output): one line on standard error and exit code 2.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("mlaudit: \(message)\n".utf8))
    }
}
