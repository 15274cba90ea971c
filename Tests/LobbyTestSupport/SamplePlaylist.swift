/// A valid playlist for tests, with fixed line numbers (rejection tests name them): line 2 is
/// `version`, 9 `approval.reposted`, 12 the first item's `category`, 13 its `text`, 14 its
/// `mode`, 18 the second item's `text`. Its approval sheet comes from `Approvers`.
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
        reposted = false

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
