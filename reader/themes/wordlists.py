"""Hand-written word classes: what may not start, end or be a theme phrase."""

from __future__ import annotations

JOINERS = frozenset("的之")
"""Function words allowed inside a phrase (党的领导, 国之大者) but never at its ends."""

_FUNCTION_TEXT = """
    了 着 过 地 得 和 与 及 或 而 并 且 在 是 为 以 对 于 把 将 被 从 向 由 等 也 都 就 又 还 更 最
    很 其 这 那 此 该 各 每 有 无 不 没 所 让 使 给 到 上 下 中 里 内 外 后 前 时 个 们 我 你 他 她
    它 要 会 能 可 来 去 说 做 看 好 多 大 小 新 已 再 才 只 但 如 若 则 即 因 跟 同 比 像 一 二
    我们 你们 他们 她们 它们 咱们 大家 自己 什么 如何 怎么 怎样 这个 那个 这些 那些 这里 那里 这样
    那样 以及 通过 进行 作为 对于 关于 根据 按照 为了 由于 因此 因为 所以 但是 而且 同时 并且 或者
    还是 还有 其他 其中 之一 以上 以下 已经 正在 一些 一个 一种 一是 二是 三是 四是 五是 一方面
    另一方面 可以 能够 应该 应当 需要 必须 就是 不是 没有 一定 一直 一起 一批 一系列 不仅 而是
    以来 以后 之后 之前 期间 当前 目前 今年 去年 明年 今天 昨天 日前 近日 近年来 此外 另外 同样
    从而 进而 以便 并不 不断 不少 许多 很多 所有 全部 部分 这次 此次 本次 其它 如此 尤其 特别
    主要 相关 有关 各种 各类 各项 各级 各地 各个 每个 每年 多年 方面 方式 方法 过程 情况 问题
"""
FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
"""Words that carry no topic and break a phrase (a run of words never crosses one)."""

_GENERIC_TEXT = """
    工作 推动 发展 坚持 要求 重要 进一步 全面 加强 推进 提高 提升 深入 建设 实施 开展 落实 贯彻
    做好 抓好 管好 用好 建好 积极 切实 努力 持续 扎实 认真 充分 有效 强化 完善 健全 实现 促进 保障
    确保 围绕 聚焦 着力 更加 更好 深化 加快 加大 坚定 全力 大力 高度 重视 注重 突出 统筹 服务
    增强 发挥 结合 实际 任务 目标 意见 重点 具体 全国 全省 全市 全县 全区 我国 国家 社会 经济 时代
    时期 领域 水平 能力 作用 机制 体系 措施 举措 政策 精神 思想 理论 实践 意义 成效 成果 基础
    关键 核心 根本 重大 主题 内容 活动 部署 安排 进展 形势 方向 原则 特色 优势 保证 前提 统揽
    新时代 新时期 新征程 新局面 新阶段 高质量 现代化 地方 基层 群众 人民 干部 同志 领导 组织
    学习 宣传 研究 讨论 召开 举行 出席 指出 强调 表示 认为 提出 讲话 会议 报告 讲 谈 话 说明
    贯彻落实 重要讲话 讲话精神 充分发挥 担当 作为 使命 初心 责任 奋斗 自信 担当作为 总书记
    会见 会谈 访问 致电 回信 贺信 考察 调研 主持 发表 发布 举办 开幕 闭幕 召开会议 通报 介绍
"""
GENERIC_WORDS = frozenset(_GENERIC_TEXT.split())
"""Words common to every kind of article: never a theme alone, never the first word of one."""
