# lobbyd approval sheet of the playlist beside it: add a step with `lobbyctl approve`
content_sha256 = "e2f74baf8019ba582cf08d26b4db4fda8297e18e4850619e8ee72ca37ca99aa2"

[[steps]]
role = "draft"  # 拟稿
key_id = "e86867ffaf3aa7a5"
date = 2026-11-16
section = "综合科"
signature = "ZArFkaFVpq5ZFbfjkm5TdmgdU3aDfRLwC6sxoV776qxoGGhu+1VQV/0NW+joLGnzRiaSQkojmg4HDHG5BNZYBQ=="

[[steps]]
role = "review"  # 审核
key_id = "1781f54736320652"
date = 2026-11-17
confidentiality = "通过"
signature = "YADk6jrg3mv5Q+hLIZfR76NjP8Jqnlqd5IAgN8aoVrNIyI3/D6/X9vJmh/Mej9SlnwpeoDIw+bfUZxwv24W5DA=="

[[steps]]
role = "approve"  # 审批
key_id = "c9696fbe890ebb7d"
date = 2026-11-18
confidentiality = "通过"
signature = "H09FJsrs4lQyj9SVF2LP36mD99zAZ6VP0lrxC+xDqOLeOJhuRzooBsBX1dXk8jDYqbGdP/IlJirRyeSVtBtOAA=="

[[steps]]
role = "publish"  # 发布
key_id = "8bb83def0c8f83a8"
date = 2026-11-19
signature = "nxx5n7SyIWALS8WR8ry6ZDFbiV9xWqK+XM6fep7YMQInGnK2MpwBtvbRK+zYbr65l8J2nIs743jUCn+WxAr7Bg=="
