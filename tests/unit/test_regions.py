"""Region inference from article text, and byline regions taking precedence."""

from __future__ import annotations

from reader.ingest.regions import dictionary_places, infer_region


def test_most_mentioned_county_is_inferred() -> None:
    text = "推动临县各项事业发展。奋力谱写临县新篇章。省里的会议在太原市召开。"
    assert infer_region(text) == "临县"


def test_a_single_mention_is_not_enough() -> None:
    assert infer_region("会议在太原市召开，大家讨论了工作。") is None


def test_a_tie_names_no_region() -> None:
    assert infer_region("临县和兴县，临县与兴县。") is None


def test_longest_name_wins_over_its_tail() -> None:
    text = "离石区的代表们说，离石区的工作很好。"
    assert infer_region(text, known=["离石区", "石区"]) == "离石区"


def test_known_byline_regions_are_used_even_if_not_in_the_dictionary() -> None:
    assert infer_region("虚构县的做法。虚构县的经验。", known=["虚构县"]) == "虚构县"


def test_non_administrative_words_are_not_places() -> None:
    places = dictionary_places()
    assert "中东地区" not in places and "超市" not in places
    assert "上市" not in places and "大市" not in places and "临县" in places
    assert infer_region("中东地区局势紧张，中东地区各方呼吁停火。") is None
    # Flags, alliances and zones that jieba tags as places; real banners and districts stay.
    for word in ("下半旗", "五环旗", "太阳旗", "阿拉伯联盟", "欧元区", "无人区", "三角区", "大县"):
        assert word not in places, word
    for name in ("阿拉善左旗", "兴安盟", "新洲区", "浦东新区", "容县"):
        assert name in places, name
    assert infer_region("欧元区通胀回落，欧元区央行按兵不动。") is None
