"""One vocabulary of kinds of purchase, and the CPV codes that point to each.

Packs condition on a category (`{field: derived.categories, contains_any: [liften]}`) instead of
repeating lists of CPV prefixes, so a buyer who knows the category but not the CPV code gets the same
advice. `derived.categories` is the buyer's own `categories` together with what the CPV codes say.

The mapping uses CPV prefixes: 2 digits name a division, 3 a group, 4 a class, 5 a category. A prefix
names a category only where the CPV code says so by itself; where a code is too broad (85312000
"social work without accommodation" covers Wmo and youth care alike) it maps to nothing and the buyer
is asked for the category.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from .model import Text

__all__ = ["CATEGORIES", "CPV_PREFIXES", "Category", "categories_for_cpv", "category_ids"]


@attrs.frozen
class Category:
    id: str
    label: Text
    description: str


def _c(id_: str, nl: str, en: str, description: str) -> Category:
    return Category(id_, Text(nl, en), description)


CATEGORIES: tuple[Category, ...] = (
    _c("uitzend_inhuur", "uitzendkrachten en inhuur", "temporary and hired staff",
       "People placed to work for the municipality: temporary staff, secondment, hired specialists."),
    _c("werving_selectie", "werving en selectie", "recruitment and selection",
       "Finding and selecting people for posts: recruitment agencies, executive search, assessments."),
    _c("arbodienstverlening", "arbodienstverlening", "occupational health services",
       "Company doctor, occupational health and safety, reintegration of sick staff."),
    _c("schoonmaak", "schoonmaak", "cleaning", "Cleaning of buildings, offices, windows and facilities."),
    _c("catering", "catering", "catering", "Company restaurants, catering for meetings and events, hospitality."),
    _c("beveiliging_handhaving", "beveiliging en handhaving", "security and enforcement",
       "Guarding, surveillance, reception security, event security, enforcement in public space."),
    _c("zorg_welzijn", "zorg en welzijn", "care and welfare",
       "Health care, social work and Wmo support for residents."),
    _c("jeugdhulp", "jeugdhulp", "youth care", "Help, care and protection for children, young people and families."),
    _c("personenvervoer", "personenvervoer", "passenger transport",
       "Transport of people: pupils, Wmo clients, target-group and staff transport."),
    _c("klantcontact", "klantcontact", "customer contact",
       "Answering residents by phone, chat or at a desk on the municipality's behalf: call centres, front desks."),
    _c("onderzoek_advies", "onderzoek en advies", "research and consultancy",
       "Research, surveys, market and opinion research, management and policy advice."),
    _c("communicatie_drukwerk", "communicatie en drukwerk", "communication and printing",
       "Campaigns, advertising, public relations, copywriting, printing and printed matter."),
    _c("fotografie_vormgeving", "fotografie en vormgeving", "photography and design",
       "Photography, film and video, graphic and other design."),
    _c("evenementen_locaties", "evenementen en locaties", "events and venues",
       "Organising events, congresses and meetings; renting venues."),
    _c("ict_software", "ICT en software", "ICT and software",
       "Software, apps, websites, IT services and equipment that people use."),
    _c("liften", "liften", "lifts", "Lifts, stairlifts and platform lifts: supply, installation and maintenance."),
    _c("automaten", "automaten", "vending machines", "Coffee and drinks machines, vending machines and dispensers."),
    _c("meubilair", "meubilair", "furniture", "Office, meeting and public furniture."),
    _c("werkkleding", "werkkleding", "workwear", "Workwear, uniforms and personal protective clothing."),
    _c("kantoorartikelen", "kantoorartikelen", "office supplies", "Paper, stationery and small office supplies."),
    _c("relatiegeschenken", "relatiegeschenken", "gifts", "Gifts, presents and promotional items."),
    _c("voertuigen", "voertuigen", "vehicles", "Cars, vans, buses, bicycles and other vehicles."),
    _c("openbare_verlichting", "openbare verlichting", "public lighting",
       "Street and park lighting: luminaires, masts, installation and maintenance."),
    _c("openbare_ruimte", "inrichting openbare ruimte", "public space works",
       "Laying out and maintaining streets, squares, parks and their furniture."),
    _c("bouw_onderhoud", "bouw en verbouw", "building and renovation",
       "Designing, building and renovating buildings; not roads and public space (openbare_ruimte)."),
    _c("groen_machines", "groenonderhoud en machines", "green maintenance and machinery",
       "Maintaining green areas; garden, park and other powered machinery."),
    _c("medische_hulpmiddelen", "medische en andere hulpmiddelen", "medical and assistive devices",
       "Medical equipment, mobility aids and other assistive devices."),
    _c("levensmiddelen", "levensmiddelen", "food and drink", "Food, drinks and ingredients."),
)  # fmt: skip

_IDS = tuple(c.id for c in CATEGORIES)

# CPV prefix -> category ids. Longer prefixes refine shorter ones; every match counts.
CPV_PREFIXES: dict[str, tuple[str, ...]] = {
    # personnel and recruitment (division 79: business services)
    "7960": ("werving_selectie",),  # recruitment services
    "7961": ("uitzend_inhuur",),  # placement of personnel (detachering, payrolling)
    "79611": ("werving_selectie",),  # job search (executive search)
    "79635": ("werving_selectie",),  # assessment centres for recruitment
    "7962": ("uitzend_inhuur",),  # supply services of personnel incl. temporary staff
    "85147": ("arbodienstverlening",),  # company health services
    # facility services
    "909": ("schoonmaak",),  # cleaning and sanitation
    "555": ("catering",),  # canteen and catering
    "553": ("catering",),  # restaurant and food-serving services
    "7971": ("beveiliging_handhaving",),  # security services
    "7524": ("beveiliging_handhaving",),  # public security, law and order
    "9835111": ("beveiliging_handhaving",),  # parking enforcement (used by the sociale_veiligheid pack)
    # care, welfare, youth
    "851": ("zorg_welzijn",),  # health services
    "8531": ("zorg_welzijn",),  # social work services
    "853": ("zorg_welzijn",),  # social work and related services (group; the packs used it for care)
    "853113": ("jeugdhulp",),  # welfare services for children and young people
    "8531211": ("jeugdhulp",),  # daycare for children (incl. with a disability)
    "853122": ("jeugdhulp",),  # daycare services for children and young people
    "6013": ("personenvervoer",),  # special-purpose road passenger transport
    "6014": ("personenvervoer",),  # non-scheduled passenger transport
    "6017": ("personenvervoer",),  # hire of passenger transport vehicles with driver
    "7951": ("klantcontact",),  # telephone-answering and call-centre services
    # research, communication, design, events
    "73": ("onderzoek_advies",),  # research and development
    "7931": ("onderzoek_advies",),  # market research
    "7932": ("onderzoek_advies",),  # opinion polling and statistics
    "7941": ("onderzoek_advies",),  # business and management consultancy
    "7934": ("communicatie_drukwerk",),  # advertising and marketing
    "79416": ("communicatie_drukwerk",),  # public relations
    "798": ("communicatie_drukwerk",),  # printing and related services
    "22": ("communicatie_drukwerk",),  # printed matter
    "7996": ("fotografie_vormgeving",),  # photographic services
    "798225": ("fotografie_vormgeving",),  # graphic design
    "7993": ("fotografie_vormgeving",),  # specialty design
    "9211": ("fotografie_vormgeving",),  # film and video production
    "7995": ("evenementen_locaties",),  # exhibition, fair and congress organisation
    "5512": ("evenementen_locaties",),  # hotel meeting and conference services
    "923": ("evenementen_locaties",),  # entertainment services (the packs used it for events)
    # ICT
    "72": ("ict_software",),  # IT services
    "48": ("ict_software",),  # software packages
    "302": ("ict_software",),  # computer equipment
    # products
    "424161": ("liften",),  # lifts
    "453131": ("liften",),  # lift installation work
    "5075": ("liften",),  # lift maintenance
    "42933": ("automaten",),  # vending machines
    "42968": ("automaten",),  # dispensers (drinks)
    "391": ("meubilair",),  # furniture
    "181": ("werkkleding",),  # occupational clothing, special workwear
    "1882": ("werkkleding",),  # footwear (incl. safety shoes)
    "3019": ("kantoorartikelen",),  # various office equipment and supplies
    "301927": ("kantoorartikelen",),  # stationery
    "30197": ("kantoorartikelen",),  # small office equipment
    "228": ("kantoorartikelen",),  # paper or paperboard registers, forms, office stationery
    "1853": ("relatiegeschenken",),  # presents and rewards
    "341": ("voertuigen",),  # motor vehicles
    "344": ("voertuigen",),  # motorcycles and bicycles
    "3411": ("voertuigen",),  # cars
    "3412": ("voertuigen",),  # buses
    "34993": ("openbare_verlichting",),  # road lights
    "349285": ("openbare_verlichting",),  # street-lighting equipment
    "315272": ("openbare_verlichting",),  # exterior lighting
    "4531611": ("openbare_verlichting",),  # installation of road-lighting equipment
    "502321": ("openbare_verlichting",),  # street-lighting maintenance
    "45316": ("openbare_verlichting", "openbare_ruimte"),  # installing illumination and signalling systems
    "50232": ("openbare_verlichting",),  # maintenance of public lighting and traffic lights
    "4523": ("openbare_ruimte",),  # construction of pipelines, roads, squares, footpaths
    "45112": ("openbare_ruimte",),  # excavating and earthmoving
    "45236": ("openbare_ruimte",),  # surface work for parks, sports and recreation
    "4521": ("bouw_onderhoud",),  # building construction work
    "4526": ("bouw_onderhoud",),  # roof works and other special trades
    "454": ("bouw_onderhoud",),  # building completion work
    "7122": ("bouw_onderhoud",),  # architectural design services
    "773": ("groen_machines",),  # horticultural services (green maintenance)
    "163": ("groen_machines",),  # harvesting machinery (incl. mowers)
    "1616": ("groen_machines",),  # gardening machinery
    "331": ("medische_hulpmiddelen",),  # medical equipment
    "3319": ("medische_hulpmiddelen",),  # miscellaneous medical devices and mobility aids
    "15": ("levensmiddelen",),  # food, beverages, tobacco
}


def category_ids() -> tuple[str, ...]:
    """Every category id, in vocabulary order."""
    return _IDS


def categories_for_cpv(codes: Iterable[str]) -> tuple[str, ...]:
    """The categories the CPV codes point to, in vocabulary order (check digits are ignored)."""
    found: set[str] = set()
    for code in codes:
        digits = code.split("-", 1)[0]
        for length in range(2, len(digits) + 1):
            found.update(CPV_PREFIXES.get(digits[:length], ()))
    return tuple(c for c in _IDS if c in found)
