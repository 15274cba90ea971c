# lobbyd approval sheet of the playlist beside it: add a step with `lobbyctl approve`
content_sha256 = "7ea079b3a1b67dacaf9512ad103bec214b4b580c83fb4b5b064abdb67e4de2fe"

[[steps]]
role = "draft"  # 拟稿
key_id = "e86867ffaf3aa7a5"
date = 2026-11-16
section = "审批服务科"
signature = "5qGxsfv+P9EHGP9VdSkbx6sJbX9ZErxusyCN0eyZESe1yhdVjr/KYPdFf3ayyWpPbROFYlOiMdLLaJFor6QHBA=="

[[steps]]
role = "review"  # 审核
key_id = "1781f54736320652"
date = 2026-11-17
confidentiality = "通过"
signature = "g7qwgO3accauZRJZfDcj8phTCkbc4XkXAtPNkyrPEs/ULdcxOCfabl0K5U9GQEPH+6pfjOPW11Hry6V7UaFtAw=="

[[steps]]
role = "approve"  # 审批
key_id = "c9696fbe890ebb7d"
date = 2026-11-18
confidentiality = "通过"
signature = "2gj37pZqa7rx0A+L76EBzY0eFh9jyUBxDaQH2L6DVxiQxqZ1G7iLBx3uTjsbSikB17ro1bN0oap6WI56oXF+Bw=="

[[steps]]
role = "publish"  # 发布
key_id = "8bb83def0c8f83a8"
date = 2026-11-19
signature = "FEE1ZLbRZp9UpTap+7NkesEzWnZ3EgHguR/iIuuoPO9xpLwH6nNwkB7RFjQg5qCMyAo4bCwx6UcokK4pzbwEDg=="
