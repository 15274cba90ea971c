/// What the content office reads when a text breaks a content-safety rule (`ContentRules`): the
/// rule's name, why the hall's screen may not carry it, and where a hall lists what it must let
/// through.
extension Messages {
    public enum Content {
        static func rule(_ rule: ContentRules.Rule) -> Localized {
            switch rule {
            case .commercial: Localized("商业广告用语", "commercial advertising")
            case .price: Localized("促销价格", "a promotional price")
            case .premiumNumber: Localized("400/800 商业号码", "a 400/800 business number")
            case .webAddress: Localized("网址", "a web address")
            case .residentID: Localized("居民身份证号码", "a resident ID number")
            case .mobileNumber: Localized("手机号码", "a mobile number")
            case .bankCard: Localized("银行卡号", "a bank card number")
            }
        }

        static func why(_ rule: ContentRules.Rule) -> Localized {
            switch rule {
            case .commercial, .price, .premiumNumber:
                Localized("政务服务大厅显示屏不得发布商业广告", "the hall's screen carries no commercial advertising")
            case .webAddress:
                Localized("只可显示政府网站（gov.cn）和本大厅登记的网址", "only government sites (gov.cn) and the hall's own may be shown")
            case .residentID, .mobileNumber, .bankCard:
                Localized("个人信息不得上屏", "personal data must never be shown")
            }
        }

        static func allowList(_ rule: ContentRules.Rule) -> Localized {
            switch rule {
            case .commercial, .price:
                Localized("确属政务用语的，请技术人员加入", "if it is official wording, the technician adds it to")
            case .webAddress:
                Localized("确属政务网站的，请技术人员加入", "if it is an official site, the technician adds its domain to")
            case .premiumNumber, .residentID, .mobileNumber, .bankCard:
                Localized("确属公开的服务号码的，请技术人员加入", "if it is a public service number, the technician adds it to")
            }
        }

        static func finding(_ finding: ContentRules.Finding) -> Localized {
            let rule = finding.rule
            let name = self.rule(rule)
            let why = self.why(rule)
            let allow = allowList(rule)
            return Localized(
                "第 \(finding.offset + 1) 个字符起 \"\(finding.match)\" 是\(name.chinese)（规则 \(rule.rawValue)）："
                    + "\(why.chinese)；\(allow.chinese) [content] \(rule.allowList)",
                "\"\(finding.match)\" at character \(finding.offset + 1) is \(name.english) (rule \(rule.rawValue)): "
                    + "\(why.english); \(allow.english) [content] \(rule.allowList)")
        }
    }
}
