# lobbyd approval sheet of the playlist beside it: add a step with `lobbyctl approve`
content_sha256 = "6a793a9217dd53dcd3db70136f8a18794cf65060f6f01e0969dbde15e23c118b"

[[steps]]
role = "draft"  # 拟稿
key_id = "e86867ffaf3aa7a5"
date = 2026-11-16
section = "热线管理科"
signature = "+n+KNchBc18U+Y8zKqV6yW0//QfyOG9QM8skZ/Fs58J/mPquMu2Ru+/BEON8RI/ImX+gY/VMkvltXZeFFn2/CQ=="

[[steps]]
role = "review"  # 审核
key_id = "1781f54736320652"
date = 2026-11-17
confidentiality = "通过"
signature = "DBZ6oK2pIEb5JBgaR3haSd8X7G040NLpBUWNEMgA8SepyxZAEfgzqJPQOR00KCs8SCvVH6GOpT3tqmKkZPW7BA=="

[[steps]]
role = "approve"  # 审批
key_id = "c9696fbe890ebb7d"
date = 2026-11-18
confidentiality = "通过"
signature = "pQ4zOnfo2usPZHovjAZaKMA9NdnnOv15ve8UNYdHGpE8lJLG99KdbbKv0Wpb9e/MahA01QMs1v38h281CMVOAA=="

[[steps]]
role = "publish"  # 发布
key_id = "8bb83def0c8f83a8"
date = 2026-11-19
signature = "H0k2tkJ7VBl9O69+O8gMP4OG8HopyzN9dPCCEOoOTS9PlEZnBPLDP8U4JB5ksXKvbq2RuXCtZot+r/cvtmseCA=="
