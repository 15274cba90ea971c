/// The message catalogue: every sentence lobbyd's programs say to a person, in Simplified
/// Chinese and English, grouped by who reads it. Nothing else builds a `Localized`
/// (`MessageCatalogueTests`).
///
/// Terms, as the hall's offices use them: a playlist is a 发布内容单, the three-step review
/// 三审制度 (拟稿 → 审核 with 保密审核 → 审批), turning the screen on and off 开屏/关屏, the
/// operator's daily upkeep 日常管护, the person on duty 值班人员, a make-up workday 调休上班.
/// Messages for the content office avoid technical words (字段, 字库): they name the line and
/// what to write there.
public enum Messages {}

extension Messages {
    /// Punctuation that joins words: full-width in Chinese, ASCII with a space in English.
    public enum Punctuation {
        public static let list = Localized("、", ", ")
        public static let semicolon = Localized("；", "; ")
        public static let colon = Localized("：", ": ")
    }
}
