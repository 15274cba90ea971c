import Foundation
import LobbyCore
import LobbyStore

// Test tool for the kill -9 test: appends events to the log at PATH as fast as it can and prints
// each row id once append() has returned (the event is then acknowledged, hence durable).
guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: store-burst DATABASE\n".utf8))
    exit(64)
}
let log = try EventLog(path: CommandLine.arguments[1])
var index = 0
while true {
    let id = try log.append(EventEntry(date: Date(), kind: .frameShown, detail: ["n": "\(index)"]))
    FileHandle.standardOutput.write(Data("\(id)\n".utf8))
    index += 1
}
