/// A valid playlist for tests, with fixed line numbers (rejection tests name them): line 2 is
/// `version`, 25 the first item's `category`, 26 its `text`, 27 its `mode`, 31 the second item's
/// `text`.
public enum SamplePlaylist {
    public static func text(id: String = "hall-news", version: Int = 1, category: String = "service-hall") -> String {
        """
        id = "\(id)"
        version = \(version)
        title = "大厅资讯"
        valid_from = 2026-11-20
        valid_until = 2026-12-31T23:59:59

        [approval]
        document_number = "〔2026〕1号"

        [approval.drafted]
        section = "综合科"
        person = "李明"
        date = 2026-11-16

        [approval.reviewed]
        person = "王芳"
        date = 2026-11-17
        confidentiality_review = "passed"

        [approval.approved]
        person = "陈刚"
        date = 2026-11-18

        [[items]]
        category = "\(category)"
        text = "欢迎来到市政务服务中心"
        mode = "page"

        [[items]]
        category = "hotline-12345"
        text = "请拨打12345"
        mode = "static"

        """
    }
}
