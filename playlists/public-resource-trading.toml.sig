# lobbyd approval sheet of the playlist beside it: add a step with `lobbyctl approve`
content_sha256 = "31264fed1b75f770f0ff482ce81264430eb02d3aba3f9fde37048252d95792cf"

[[steps]]
role = "draft"  # 拟稿
key_id = "e86867ffaf3aa7a5"
date = 2026-11-16
section = "交易服务科"
signature = "Xgl8SFJjoaWQZb5eW1ezn2SgT3CUTuSdg7CICVCVmL+ZO3GAAOa8ERyvm0+oW2NX+5yFR0l8W2ZhgaoWfokNBQ=="

[[steps]]
role = "review"  # 审核
key_id = "1781f54736320652"
date = 2026-11-17
confidentiality = "通过"
signature = "ILVK3S8gUXKO/srtLHX0MFk9zsJ+kRzkJ7Ya07QavvtWcvCOYTzfFVHE5qv9pvh3TMkoAmo3uU5wVy6j+MoQCg=="

[[steps]]
role = "approve"  # 审批
key_id = "c9696fbe890ebb7d"
date = 2026-11-18
confidentiality = "通过"
signature = "DssaOOjN5R9kvmso8vQLyZS+bZmPNZhNSIKvUO02tW5RmvtyL2q0XG+zm86UGUtIcZpPNe1p4bLSYDq0dazpAg=="

[[steps]]
role = "publish"  # 发布
key_id = "8bb83def0c8f83a8"
date = 2026-11-19
signature = "6Fx1yWSRXeCDz18m/HinayB5vOWyPpKrtKmqq8FPo+xsnLp8w+yCEVlwBn7Ao+B4OReuGJ/6tBwK1Fpf49AeCQ=="
