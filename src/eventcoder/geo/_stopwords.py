"""Words that are also place names somewhere but almost never mean a place in news text.

Keys are ``name_key`` forms (lower case, no accents, no spaces). The span finder never reports these as
single-word places; multi-word names that contain them ("Port Said") are unaffected.
"""

from __future__ import annotations

from eventcoder.geo._normalize import name_key

__all__ = ["GIVEN_NAMES", "SURNAMES", "TITLES", "is_stopword"]


def _w(text: str) -> list[str]:
    """The words of a whitespace-separated list."""
    return text.split()

_FUNCTION_WORDS = """
a about above across after again against ago all almost along already also although always am among an and
another any anyone anything are around as at away back be became because been before being below between
both but by came can cannot could did do does doing done down during each either else enough even ever every
few for from further had has have having he her here hers herself him himself his how however i if in into is
it its itself just last late later least less like made make many may me might mine more most much must my
myself near neither never new next no nor not now of off often on once one only onto or other others our ours
out over own per perhaps quite rather same several she should since so some still such than that the their
them then there these they this those though through thus to too toward towards under until up upon us very
via was we were what when where whether which while who whom whose why will with within without would yet
you your yours
au aux avec ce ces cet cette chez comme dans de des du elle elles en entre et eux il ils je la le les leur
leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pendant plus pour qu que qui sa sans se
selon ses si son sont sous sur ta te tes toi ton tous tout toute toutes tu un une vers vos votre vous y ete
etait sera ont avait apres avant depuis lors alors aussi encore deja jamais ici la-bas contre parmi puis
quand dont ainsi donc car ni soit cependant toujours tres trop peu bien mal hier demain aujourd hui
"""

_NEWS_WORDS = """
said says say told tells report reported reports according army armed armee police gendarmerie gendarmes
military militaires soldiers soldats troops forces force security securite sources source official officials
government gouvernement minister ministre ministry ministere president presidence presidency prime state
etat states group groupe groups people villagers civilians civils residents local locals attack attaque
attacks attaques ambush embuscade killed tues dead morts death deaths injured blesses wounded victims victimes
islamic islamique islamist islamiste jihadist jihadiste jihadists jihadistes terrorist terroriste terrorists
terroristes militants militant rebels rebelles fighters combattants gunmen hommes men women femmes children
enfants national nationale international internationale united nations union african africaine africain
western eastern northern southern central north south east west nord sud est ouest centre center centrale
monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche
january february march april may june july august september october november december janvier fevrier mars
avril mai juin juillet aout septembre octobre novembre decembre week weekend semaine month mois year annee
day jour night nuit morning matin evening soir afternoon today yesterday tomorrow
colonel general lieutenant captain capitaine commander commandant sergeant sergent major chief chef
mr mrs ms dr mme mlle monsieur madame sir lord king queen prince imam cheikh sheikh emir marabout pope
god dieu allah prophet mosque church eglise hospital hopital school ecole market marche camp base post poste
road route bridge pont river fleuve lake lac forest foret mount border frontiere region province district
city ville town village villages commune capital area zone town hall
news press agency agence afp reuters radio tv television journal times post daily herald tribune monde
world today live update breaking video photo photos read more said
brigade battalion bataillon regiment company unit units operation operations mission barkhane serval
wagner takuba minusma ecowas cedeao un ue eu nato otan
christian christians chretiens muslim muslims musulmans fulani peul peuls peulh dogon bambara tuareg
touareg songhai arab arabs arabe haoussa hausa mossi zarma
however meanwhile moreover furthermore nevertheless then also still again
best grand grande great little petit petite big old new good bad high low long short
man woman child boy girl son daughter father mother brother sister wife husband family
victory peace paix war guerre justice liberty liberte independence freedom hope espoir progress
mission salvation union concord harmony unity unite
university drug drugs airport federal bank human media tank vice green none white black red blue
health doctor doctors nurse virus disease outbreak flu fever vaccine
story analysis live islam islamism christ jesus muhammad mohammed koran quran bible sharia jihad
jan feb mar apr jun jul aug sep sept oct nov dec christmas noel easter ramadan tabaski eid homeland alliance
constitution liberation outlook part roundup summary durant pendant lors environ vers alors ainsi enfin
john james david michael robert thomas william richard charles joseph daniel paul mark george kenneth douglas
steven edward brian kevin jason peter andrew simon patrick martin jean pierre jacques louis michel francois
armel dubois martin bernard laurent nicolas emmanuel olivier eric alain christophe philippe
liberty defence defense interior justice finance economy
armees armes forces collectif collective communique transition mardi vendredi bilan sources
island islands ile spring summer autumn winter level star advance mobile rapid nine box hot congress federation
officer officers olympic olympics harvest sunshine farmers farm care monster trojan bell orange walnut snow
google apple amazon twitter facebook whitehouse pentagon kremlin elysee capitol parliament senate
"""

TITLES = frozenset(name_key(w) for w in _w("""
colonel col general gen lieutenant lt captain capt capitaine commander commandant cmdt major maj sergeant sgt
sergent adjudant president presidente minister ministre mr mrs ms dr mme mlle m monsieur madame sir imam
cheikh sheikh emir marabout prince king roi queen reine pope pape senator senateur deputy depute mayor
maire governor gouverneur prefect prefet chief chef spokesman spokesperson porte-parole leader dirigeant
abbe father pere brother frere saint st ag ould ben bin ibn abu al el ex former ancien
"""))

_STOP = frozenset(name_key(w) for w in (_FUNCTION_WORDS + _NEWS_WORDS).split())


# frequent West African and Sahelian family and given names: a single word that is also a village name
# is read as a person unless a locative word comes before it ("in Traore")
SURNAMES = frozenset(name_key(w) for w in _w("""
traore traoré coulibaly diallo keita keïta konate konaté toure touré cisse cissé sangare sangaré diarra
kone koné ouedraogo ouédraogo sawadogo kabore kaboré zongo compaore compaoré maiga maïga dicko sidibe
sidibé sylla camara bah sow barry kane ndiaye diop dembele dembélé doumbia bagayoko sissoko samake
samaké tounkara goita goïta bazoum tiani tchiani issoufou damiba kafando zida sankara kouyate kouyaté
haidara haïdara niang diakite diakité fofana sanogo ouattara soro guindo kassogue
kassogué tamboura drame dramé sacko kante kanté diabate diabaté tangara berthe berthé dao kalil
moussa amadou mamadou oumar ousmane ibrahim ibrahima abdoulaye boubacar souleymane seydou adama bakary
hamidou hamadoun alassane aliou ali issa idrissa modibo sekou sékou salif youssouf yacouba mahamadou
mohamed ahmed assimi iyad koufa kouffa bilal sadio fatoumata aminata mariam kadiatou oumou awa
"""))


# common given names (English, French, Spanish): a capitalised word right after one is a surname ("Brian
# Evans", "Tim Whitley"), and the given name itself is no place there ("Julia Peters"); both are then that
# person all through the text. Places named like people ("Victoria", "Florence") still count on their own.
GIVEN_NAMES = frozenset(name_key(w) for w in _w("""
john james david michael robert thomas william richard charles joseph daniel paul mark george kenneth douglas
steven edward brian kevin jason peter andrew simon patrick martin jean pierre jacques louis michel francois
armel bernard laurent nicolas emmanuel olivier eric alain christophe philippe tony tim timothy matthew
matt stephen steve chris christopher anthony tom jack harry henry hugh ian alan alex alexander albert arthur
barry bill bob carl chuck dan dennis don donald eugene frank fred gary gordon greg gregory howard jeff jeffrey
jerry jim jimmy joe jon jonathan keith larry lee luis jose juan carlos miguel manuel antonio francisco pedro
nelson neil nick oliver raymond ray roger ron ronald roy russell ryan sam samuel scott sean ted terry
vincent walter wayne will willie
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra
ashley emily donna michelle carol amanda melissa deborah stephanie rebecca laura helen sharon cynthia
kathleen amy shirley angela anna ann anne annie alison allison joan joanna julia julie janet janice jane
kerry kelly kate katherine catherine caroline claire marie sophie isabelle nathalie christine sylvie
valerie rose ruth tammy tanya teresa evelyn jessica diane dominique francoise monique brigitte
"""))


def is_stopword(key: str) -> bool:
    """True when ``key`` (a ``name_key``) is a common word that is never reported as a place on its own."""
    return key in _STOP
