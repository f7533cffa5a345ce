from eventcoder.geo import name_key, token_form
from eventcoder.geo._normalize import name_variants, normalize_with_offsets, strip_admin_words


def test_apostrophes_hyphens_and_spaces_fold_to_one_key():
    assert name_key("N'Goutjina") == name_key("NGoutjina") == name_key("N Goutjina") == "ngoutjina"
    assert name_key("Tin-Akoff") == name_key("Tin Akoff") == name_key("Tinakoff")
    assert name_key("N’Goutjina") == "ngoutjina"  # typographic apostrophe


def test_accents_case_and_special_letters():
    assert token_form("Ségou-Région") == "segou region"
    assert name_key("Inatès") == name_key("INATES") == "inates"
    assert name_key("Déou") == "deou"
    assert name_key("Øresund") == "oresund"
    assert name_key("Tillabéri") == "tillaberi"


def test_variants_of_a_name_with_an_apostrophe():
    assert name_variants("N'Goutjina") == {"n goutjina", "ngoutjina"}
    assert name_variants("Djibo") == {"djibo"}


def test_offsets_map_back_to_the_text():
    text = "Près de Ségou, l'armée à N'Goutjina."
    norm, offsets = normalize_with_offsets(text)
    i = norm.index("segou")
    assert text[offsets[i]: offsets[i + 4] + 1] == "Ségou"
    j = norm.index("n goutjina")
    assert text[offsets[j]: offsets[j + len("n goutjina") - 1] + 1] == "N'Goutjina"


def test_admin_words_are_split_off():
    assert strip_admin_words("province du Soum") == ("soum", "admin2")
    assert strip_admin_words("Niono cercle") == ("niono", "admin2")
    assert strip_admin_words("la région de Tillabéri") == ("tillaberi", "admin1")
    assert strip_admin_words("Ségou region") == ("segou", "admin1")
    assert strip_admin_words("commune de Barga") == ("barga", "admin3")
    assert strip_admin_words("Djibo") == ("djibo", None)
