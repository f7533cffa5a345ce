import pytest

from eventcoder.geo import country_info


@pytest.mark.parametrize(("text", "iso3"), [
    ("Mali", "MLI"), ("MLI", "MLI"), ("ML", "MLI"), ("466", "MLI"), ("Malian", "MLI"), ("malienne", "MLI"),
    ("Maliens", "MLI"), ("Burkinabe", "BFA"), ("burkinabè", "BFA"), ("Burkina", "BFA"),
    ("Nigerien", "NER"), ("nigérien", "NER"), ("nigérienne", "NER"), ("Niger", "NER"),
    ("Nigerian", "NGA"), ("nigériane", "NGA"), ("Tchad", "TCD"), ("Chadian", "TCD"),
    ("Mauritanian", "MRT"), ("mauritanienne", "MRT"), ("Côte d'Ivoire", "CIV"), ("Ivory Coast", "CIV"),
    ("DRC", "COD"), ("U.S.", "USA"), ("États-Unis", "USA"),
])
def test_country_names_demonyms_and_codes(text, iso3):
    info = country_info(text)
    assert info is not None, text
    assert info.iso3 == iso3


def test_acled_fields():
    mali = country_info("Mali")
    assert (mali.name, mali.iso, mali.region) == ("Mali", 466, "Western Africa")
    assert country_info("Chad").region == "Middle Africa"
    assert country_info("Sudan").region == "Northern Africa"
    assert country_info("CD").name == "Democratic Republic of Congo"
    assert "burkinabè" in {d.lower() for d in country_info("BF").demonyms}
    assert "nigérien" in {d.lower() for d in country_info("NE").demonyms}


def test_unknown_is_none():
    assert country_info("Atlantis") is None
    assert country_info("") is None
    assert country_info(None) is None


@pytest.mark.parametrize(("text", "iso2"), [
    ("Zaire", "CD"), ("Zaïre", "CD"), ("Upper Volta", "BF"), ("Haute-Volta", "BF"), ("Dahomey", "BJ"),
    ("Macedonia", "MK"), ("Persia", "IR"),
])
def test_former_and_short_names(text, iso2):
    assert country_info(text).iso2 == iso2
