import Foundation
import LobbyCore

/// Who is on the other end of a control connection, from the kernel (`SO_PEERCRED`), not from
/// anything the client says.
public struct Caller: Sendable, Equatable, CustomStringConvertible {
    public var uid: UInt32
    public var name: String
    /// Root, or a member of the operators group (primary or supplementary).
    public var isOperator: Bool

    public init(uid: UInt32, name: String, isOperator: Bool) {
        self.uid = uid
        self.name = name
        self.isOperator = isOperator
    }

    /// Resolves `uid` and `gid` to a user name and group membership through NSS.
    public static func resolve(uid: UInt32, gid: UInt32, operatorsGroup: String) -> Caller {
        let user = UserDatabase.user(uid: uid)
        let name = user?.name ?? "uid \(uid)"
        guard uid != 0 else { return Caller(uid: uid, name: name, isOperator: true) }
        guard let groupID = UserDatabase.groupID(named: operatorsGroup) else {
            return Caller(uid: uid, name: name, isOperator: false)
        }
        var groups: Set<UInt32> = [gid]
        if let user { groups.formUnion(UserDatabase.groups(of: user.name, primary: user.gid)) }
        return Caller(uid: uid, name: name, isOperator: groups.contains(groupID))
    }

    /// `li (uid 1001)`.
    public var description: String { "\(name) (uid \(uid))" }
}

/// getpwuid_r, getgrnam_r and getgrouplist, with Swift types.
enum UserDatabase {
    static func user(uid: UInt32) -> (name: String, gid: UInt32)? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return (String(cString: entry.pw_name), entry.pw_gid)
    }

    static func groupID(named name: String) -> UInt32? {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getgrnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return entry.gr_gid
    }

    static func groups(of user: String, primary: UInt32) -> [UInt32] {
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(user, primary, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(user, primary, &groups, &count) >= 0 else { return [primary] }
        }
        return Array(groups.prefix(Int(count)))
    }
}
