import Foundation

/// What the content office reads when a 发布内容单 is refused: the `.reason` file beside it in
/// `rejected/`, and `lobbyctl verify`. Each message names the place in the file and says what
/// to change.
extension Messages {
    public enum Playlist {
        static func stage(_ stage: PlaylistProblem.Stage) -> Localized {
            switch stage {
            case .size: Localized("文件大小", "size")
            case .syntax: Localized("文件格式", "syntax")
            case .schema: Localized("填写内容", "fields")
            case .approval: Localized("三审制度", "approval")
            case .signature: Localized("签名", "signature")
            case .validity: Localized("有效期", "validity")
            case .content: Localized("内容规范", "content")
            case .coverage: Localized("可显示文字", "characters")
            case .layout: Localized("版面", "layout")
            }
        }

        static func rejected(file: String, count: Int, stages: String, at: String) -> Localized {
            Localized(
                "发布内容单 \(file) 未通过校验，未予发布（\(at)）：共 \(count) 处问题（\(stages)），请按下列说明修改后重新提交。",
                "Playlist \(file) was rejected at \(at): \(count) problem(s) (\(stages)); fix them as described below and submit it again."
            )
        }

        static func tooLarge(_ size: Int, _ limit: Int) -> Localized {
            Localized("文件有 \(size) 字节，最多接受 \(limit) 字节", "the file is \(size) bytes; at most \(limit) are accepted")
        }
        static let notUTF8 = Localized("文件不是 UTF-8 编码的文本，请用 UTF-8 保存", "the file is not UTF-8 text; save it as UTF-8")
        static func noSignature(_ signatureFile: String) -> Localized {
            Localized(
                "没有审批签名单：缺少 \(signatureFile)；请由拟稿人起依次 lobbyctl approve，发布人 lobbyctl sign",
                "no approval sheet: \(signatureFile) is missing; have the drafter and then each hand sign it with "
                    + "`lobbyctl approve`, the publisher last with `lobbyctl sign`")
        }

        // Validity.
        static func endsBeforeStart(_ until: String, _ from: String) -> Localized {
            Localized(
                "有效期截止时间 valid_until \(until) 不晚于开始时间 valid_from \(from)",
                "valid_until \(until) is not after valid_from \(from)")
        }
        static func expired(_ until: String) -> Localized {
            Localized("发布内容单已于 \(until) 过期", "the playlist expired at \(until)")
        }
        static func tooFarAhead(_ from: String, days: Int) -> Localized {
            Localized(
                "开始时间 \(from) 在 \(days) 天以后，请临近时再提交", "starts at \(from), more than \(days) days ahead")
        }
        static func itemOutside(_ from: String, _ until: String) -> Localized {
            Localized(
                "本条的有效期 \(from) – \(until) 须在整单有效期之内，且结束晚于开始",
                "the item's validity \(from) – \(until) must lie inside the playlist's and end after it starts")
        }

        // Content rules.
        static func itemCount(_ count: Int, max: Int) -> Localized {
            Localized("共 \(count) 条；每单须有 1 到 \(max) 条", "\(count) items; a playlist has 1 to \(max)")
        }
        static func category(_ category: String, allowed: String) -> Localized {
            Localized(
                "类别 \"\(category)\" 不属于本大厅可发布的范围（\(allowed)）",
                "category \"\(category)\" is not in the hall's remit (\(allowed))")
        }
        static func advertising(_ term: String) -> Localized {
            Localized(
                "含有 \"\(term)\"，属于商业广告用语，不得在显示屏上发布",
                "contains \"\(term)\", a commercial-advertising term not allowed on the screen")
        }
        static func emergencyTooLong(hours: Int, max: Int) -> Localized {
            Localized(
                "紧急通知从第一条开始到最后一条结束超过 \(max) 小时（约 \(hours) 小时；[emergency] max_hours）：请用 valid_from、valid_until 限定紧急条目的有效期",
                "the emergency items run over \(max) hours from the first one's start to the last one's end (up to "
                    + "\(hours); [emergency] max_hours): limit them with valid_from and valid_until")
        }
        static func tooLong(_ count: Int, max: Int) -> Localized {
            Localized("共 \(count) 个字符；每条最多 \(max) 个", "\(count) characters; at most \(max) per item")
        }
        static let emptyText = Localized("正文为空", "the text is empty")
        static func invisible(_ code: String, at offset: Int) -> Localized {
            Localized(
                "第 \(offset) 个字符是看不见的控制字符 \(code)，请删除（屏上会显示成方框）",
                "invisible or control character \(code) at character \(offset); remove it (the sign would show a box)")
        }
        static func colour(_ colour: String, panel: String, allowed: String) -> Localized {
            Localized(
                "颜色 \"\(colour)\" 在本屏（\(panel)）上无法显示，可用：\(allowed)",
                "colour \"\(colour)\" cannot be shown on this \(panel) panel (\(allowed))")
        }
        static func character(_ scalar: String, code: String, at offset: Int) -> Localized {
            Localized("第 \(offset) 个字符 '\(scalar)'（\(code)）", "'\(scalar)' (\(code)) at character \(offset)")
        }
        static func cannotDraw(_ count: Int, _ list: [Localized]) -> Localized {
            Localized(
                "屏幕无法显示以下 \(count) 个字符，请改用常用字：\(list.map(\.chinese).joined(separator: "、"))",
                "the font cannot draw \(count) character(s): \(list.map(\.english).joined(separator: ", "))")
        }
        static func staticTooLong(pages: Int) -> Localized {
            Localized(
                "静止显示（static）的内容须在一屏内显示完，但需要 \(pages) 屏；请缩短，或改用 mode = \"page\"（翻页）或 \"scroll\"（滚动）",
                "a static item must fit one page but needs \(pages); shorten it or use mode \"page\" or \"scroll\"")
        }

        // Signatures.
        static func unknownKey(_ id: String) -> Localized {
            Localized(
                "签名所用密钥 \(id) 不在受信任密钥中；请技术人员安装签名人的 .pub 文件并登记到名册",
                "signed with key \(id), which is not in the trusted keys; ask the technician to install the signer's .pub file and list them in the roster"
            )
        }
        static func revokedKey(_ id: String, of publisher: String, on date: LocalDate?, reason: String) -> Localized {
            Localized(
                "签名所用密钥 \(id)（\(publisher)）已\(date.map { "于 \($0) " } ?? "")吊销：\(reason)",
                "signed with key \(id) of \(publisher), revoked\(date.map { " on \($0)" } ?? ""): \(reason)")
        }
        static func badSignature(_ publisher: String) -> Localized {
            Localized(
                "签名与内容不符（\(publisher) 的密钥）：签名后内容或之前的步骤被改动过，或用了别的密钥签名",
                "the signature does not match (key of \(publisher)): the content or an earlier step changed after signing, or another key signed it"
            )
        }
        static let noReasonGiven = Localized("未说明原因", "no reason given")
    }
}
