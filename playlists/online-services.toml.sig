# lobbyd approval sheet of the playlist beside it: add a step with `lobbyctl approve`
content_sha256 = "d3f64d844b7885a7388149e680bcf5316aa2e897e5798cfe0a178943a24d3f78"

[[steps]]
role = "draft"  # 拟稿
key_id = "e86867ffaf3aa7a5"
date = 2026-11-16
section = "综合科"
signature = "+iyfvyh06b92URWN4+O5+XGx1GiHw0TvdM+z4rLq+bPXl/cFabgjfIWpLadazaGG3mxjkGpC/bo0MwmQbsUbCA=="

[[steps]]
role = "review"  # 审核
key_id = "1781f54736320652"
date = 2026-11-17
confidentiality = "通过"
signature = "d6avzmQmCtFw7ZH1Vt6m34Bl44DqUk4KP8NNyR4BZ9L+ThmR8sSqS1jYmTT5C/5CMegp89tMS0HdChS4P0/uAw=="

[[steps]]
role = "approve"  # 审批
key_id = "c9696fbe890ebb7d"
date = 2026-11-18
confidentiality = "通过"
signature = "bgPda1ppqcylsb2hIX/xFHqi7qLxfVAX7GDmsvz0ux9g+nBq4dhyvm59QqkGYr1Jfb2cLt9SmPRyvDXQiSHFDg=="

[[steps]]
role = "publish"  # 发布
key_id = "8bb83def0c8f83a8"
date = 2026-11-19
signature = "3QqWDw2dE7Om1lcqbAaHyMzCuO+Ct8DdB2nSwA7hsu+M8blsFfFtn7gWkqRm2JSJ4UoKIlqvNK2dLhc6Cw7cBQ=="
