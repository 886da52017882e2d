"""The words of the default corpus, as data: German inflection tables, pronouns, names,
numbers, nouns, adjectives, verbs, time phrases, prepositions and conjunctions, each English
word beside its German one. Nothing here is code; words.py turns the noun, adjective and verb
entries into objects, grammar.py inflects and orders them, clauses.py and sentences.py choose
among them.

An entry of NOUNS or VERBS is a tuple of the positional fields of words.Noun or words.Verb,
optionally followed by a dict of their keyword fields; the layout of every table is given above
it. Order matters: the generator draws from these lists with a seeded random number generator,
so reordering or adding an entry changes every sentence after the first draw that sees it.
"""

# ---------------------------------------------------------------------------
# German morphology tables
# ---------------------------------------------------------------------------

CI = {'nom': 0, 'acc': 1, 'dat': 2}
DEF_ART = {'m': ('der', 'den', 'dem'), 'f': ('die', 'die', 'der'),
           'n': ('das', 'das', 'dem'), 'pl': ('die', 'die', 'den')}
DIESER = {'m': ('dieser', 'diesen', 'diesem'), 'f': ('diese', 'diese', 'dieser'),
          'n': ('dieses', 'dieses', 'diesem'), 'pl': ('diese', 'diese', 'diesen')}
JEDER = {'m': ('jeder', 'jeden', 'jedem'), 'f': ('jede', 'jede', 'jeder'),
         'n': ('jedes', 'jedes', 'jedem')}
EIN_END = {'m': ('', 'en', 'em'), 'f': ('e', 'e', 'er'),
           'n': ('', '', 'em'), 'pl': ('e', 'e', 'en')}
# adjective endings: weak (after der/dieser/jeder), mixed (after ein/kein/
# possessive), strong (no determiner, numbers, viele)
ADJ_WEAK = {'m': ('e', 'en', 'en'), 'f': ('e', 'e', 'en'),
            'n': ('e', 'e', 'en'), 'pl': ('en', 'en', 'en')}
ADJ_MIXED = {'m': ('er', 'en', 'en'), 'f': ('e', 'e', 'en'),
             'n': ('es', 'es', 'en'), 'pl': ('en', 'en', 'en')}
ADJ_STRONG = {'m': ('er', 'en', 'em'), 'f': ('e', 'e', 'er'),
              'n': ('es', 'es', 'em'), 'pl': ('e', 'e', 'en')}
REL_PRON = {'m': ('der', 'den', 'dem'), 'f': ('die', 'die', 'der'),
            'n': ('das', 'das', 'dem'), 'pl': ('die', 'die', 'denen')}
# preposition + definite article contractions (only with "the")
CONTRACT = {('in', 'dem'): 'im', ('in', 'das'): 'ins', ('an', 'dem'): 'am',
            ('zu', 'dem'): 'zum', ('zu', 'der'): 'zur', ('von', 'dem'): 'vom'}

NUMBERS = [('two', 'zwei'), ('three', 'drei'), ('four', 'vier'), ('five', 'fünf'),
           ('six', 'sechs'), ('seven', 'sieben'), ('eight', 'acht'),
           ('nine', 'neun'), ('ten', 'zehn'), ('eleven', 'elf'), ('twelve', 'zwölf')]

# key: (en subj, en obj, de nom, de acc, de dat, person)
PRONOUNS = {
    'I': ('I', 'me', 'ich', 'mich', 'mir', '1sg'),
    'you': ('you', 'you', 'du', 'dich', 'dir', '2sg'),
    'he': ('he', 'him', 'er', 'ihn', 'ihm', '3sg'),
    'she': ('she', 'her', 'sie', 'sie', 'ihr', '3sg'),
    'we': ('we', 'us', 'wir', 'uns', 'uns', '1pl'),
    'they': ('they', 'them', 'sie', 'sie', 'ihnen', '3pl'),
}
PRON_KEYS = ['I', 'you', 'he', 'she', 'we', 'they']
POSSESSIVES = [('my', 'mein'), ('your', 'dein'), ('his', 'sein'), ('her', 'ihr'),
               ('our', 'unser'), ('their', 'ihr')]
NAMES = ['Anna', 'Maria', 'Lisa', 'Peter', 'Thomas', 'Paul', 'Max']

# ---------------------------------------------------------------------------
# Nouns: (english, english plural, german, german plural, gender, tags[, {keyword fields}])
# gender m/f/n; tags: P person, A animal, T thing, F food, M mass noun, L place, and finer
# ones the verbs and adjectives select by. Keyword fields (words.Noun): weak (the weak
# masculine form of acc/dat/plural), loc, to, dirs, put, frm.
# ---------------------------------------------------------------------------

AREA_BLDG = [('in', 'area'), ('next to', 'area'), ('behind', 'area'),
             ('in front of', 'area')]

NOUNS = [
    # persons
    ('man', 'men', 'Mann', 'Männer', 'm', 'P', {'to': 'zu'}),
    ('woman', 'women', 'Frau', 'Frauen', 'f', 'P', {'to': 'zu'}),
    ('child', 'children', 'Kind', 'Kinder', 'n', 'P rel', {'to': 'zu'}),
    ('boy', 'boys', 'Junge', 'Jungen', 'm', 'P', {'weak': 'Jungen', 'to': 'zu'}),
    ('girl', 'girls', 'Mädchen', 'Mädchen', 'n', 'P', {'to': 'zu'}),
    ('teacher', 'teachers', 'Lehrer', 'Lehrer', 'm', 'P rel', {'to': 'zu'}),
    ('doctor', 'doctors', 'Arzt', 'Ärzte', 'm', 'P rel', {'to': 'zu'}),
    ('student', 'students', 'Student', 'Studenten', 'm', 'P', {'weak': 'Studenten', 'to': 'zu'}),
    ('neighbor', 'neighbors', 'Nachbar', 'Nachbarn', 'm', 'P rel',
     {'weak': 'Nachbarn', 'to': 'zu'}),
    ('police officer', 'police officers', 'Polizist', 'Polizisten', 'm', 'P',
     {'weak': 'Polizisten', 'to': 'zu'}),
    ('father', 'fathers', 'Vater', 'Väter', 'm', 'P rel one', {'to': 'zu'}),
    ('mother', 'mothers', 'Mutter', 'Mütter', 'f', 'P rel one', {'to': 'zu'}),
    ('sister', 'sisters', 'Schwester', 'Schwestern', 'f', 'P rel', {'to': 'zu'}),
    ('friend', 'friends', 'Freund', 'Freunde', 'm', 'P rel', {'to': 'zu'}),
    # animals
    ('dog', 'dogs', 'Hund', 'Hunde', 'm', 'A swim'),
    ('cat', 'cats', 'Katze', 'Katzen', 'f', 'A'),
    ('horse', 'horses', 'Pferd', 'Pferde', 'n', 'A swim'),
    ('bird', 'birds', 'Vogel', 'Vögel', 'm', 'A bird'),
    ('mouse', 'mice', 'Maus', 'Mäuse', 'f', 'A'),
    ('bear', 'bears', 'Bär', 'Bären', 'm', 'A swim', {'weak': 'Bären'}),
    ('lion', 'lions', 'Löwe', 'Löwen', 'm', 'A', {'weak': 'Löwen'}),
    ('monkey', 'monkeys', 'Affe', 'Affen', 'm', 'A', {'weak': 'Affen'}),
    ('duck', 'ducks', 'Ente', 'Enten', 'f', 'A bird swim'),
    ('elephant', 'elephants', 'Elefant', 'Elefanten', 'm', 'A swim', {'weak': 'Elefanten'}),
    # things
    ('book', 'books', 'Buch', 'Bücher', 'n', 'T port read write open lay gift'),
    ('letter', 'letters', 'Brief', 'Briefe', 'm', 'T port read write lay gift'),
    ('newspaper', 'newspapers', 'Zeitung', 'Zeitungen', 'f', 'T port read lay'),
    ('story', 'stories', 'Geschichte', 'Geschichten', 'f', 'X story read write'),
    ('song', 'songs', 'Lied', 'Lieder', 'n', 'X song write'),
    ('picture', 'pictures', 'Bild', 'Bilder', 'n', 'T port pict lay gift'),
    ('ball', 'balls', 'Ball', 'Bälle', 'm', 'T port lay gift toy'),
    ('bag', 'bags', 'Tasche', 'Taschen', 'f', 'T port open lay gift vessel',
     {'loc': [('in', 'cont')], 'put': ('in', 'next to')}),
    ('key', 'keys', 'Schlüssel', 'Schlüssel', 'm', 'T port lay'),
    ('bottle', 'bottles', 'Flasche', 'Flaschen', 'f', 'T port open vessel'),
    ('cup', 'cups', 'Tasse', 'Tassen', 'f', 'T port vessel'),
    ('flower', 'flowers', 'Blume', 'Blumen', 'f', 'T port gift'),
    ('phone', 'phones', 'Telefon', 'Telefone', 'n', 'T port lay gift'),
    ('box', 'boxes', 'Kiste', 'Kisten', 'f', 'T port open vessel',
     {'loc': [('in', 'cont'), ('next to', 'furn')], 'put': ('in', 'next to'), 'dirs': ('into',)}),
    ('problem', 'problems', 'Problem', 'Probleme', 'n', 'X prob'),
    ('table', 'tables', 'Tisch', 'Tische', 'm', 'T furn',
     {'loc': [('on', 'furn'), ('under', 'furn'), ('at', 'furn'), ('next to', 'furn')],
      'put': ('on', 'under', 'next to'), 'dirs': ('onto',)}),
    ('chair', 'chairs', 'Stuhl', 'Stühle', 'm', 'T furn',
     {'loc': [('on', 'furn'), ('under', 'furn'), ('next to', 'furn')],
      'put': ('on', 'under', 'next to'), 'dirs': ('onto',)}),
    ('bed', 'beds', 'Bett', 'Betten', 'n', 'T furn',
     {'loc': [('in', 'furn'), ('on', 'furn'), ('under', 'furn'), ('next to', 'furn')],
      'put': ('on', 'under', 'next to'), 'dirs': ('onto',)}),
    ('sofa', 'sofas', 'Sofa', 'Sofas', 'n', 'T furn',
     {'loc': [('on', 'furn'), ('under', 'furn'), ('behind', 'furn'), ('next to', 'furn')],
      'put': ('on', 'under', 'behind', 'next to'), 'dirs': ('onto',)}),
    ('door', 'doors', 'Tür', 'Türen', 'f', 'T open',
     {'loc': [('at', 'area'), ('in front of', 'area'), ('next to', 'area')],
      'put': ('next to', 'behind')}),
    ('window', 'windows', 'Fenster', 'Fenster', 'n', 'T open',
     {'loc': [('at', 'area'), ('next to', 'area')]}),
    ('car', 'cars', 'Auto', 'Autos', 'n', 'T veh',
     {'loc': [('in', 'veh'), ('next to', 'area'), ('behind', 'area'), ('in front of', 'area')],
      'put': ('in',), 'dirs': ('into',)}),
    ('bike', 'bikes', 'Fahrrad', 'Fahrräder', 'n', 'T veh', {'loc': [('next to', 'area')]}),
    ('bus', 'buses', 'Bus', 'Busse', 'm', 'T veh bus', {'loc': [('on-in', 'veh')]}),
    ('tree', 'trees', 'Baum', 'Bäume', 'm', 'T tree',
     {'loc': [('under', 'area'), ('next to', 'area'), ('behind', 'area'), ('in front of', 'area')],
      'to': 'zu', 'dirs': ('over',)}),
    # food (countable)
    ('apple', 'apples', 'Apfel', 'Äpfel', 'm', 'F edible lay gift'),
    ('egg', 'eggs', 'Ei', 'Eier', 'n', 'F edible cook'),
    ('banana', 'bananas', 'Banane', 'Bananen', 'f', 'F edible lay'),
    ('cake', 'cakes', 'Kuchen', 'Kuchen', 'm', 'F edible gift'),
    # mass nouns (no plural, no "a")
    ('coffee', None, 'Kaffee', None, 'm', 'M drink'),
    ('tea', None, 'Tee', None, 'm', 'M drink'),
    ('milk', None, 'Milch', None, 'f', 'M drink'),
    ('water', None, 'Wasser', None, 'n', 'M drink'),
    ('juice', None, 'Saft', None, 'm', 'M drink'),
    ('bread', None, 'Brot', None, 'n', 'M edible'),
    ('soup', None, 'Suppe', None, 'f', 'M edible cook hotfood'),
    ('cheese', None, 'Käse', None, 'm', 'M edible'),
    # places
    ('house', 'houses', 'Haus', 'Häuser', 'n', 'L own room',
     {'loc': AREA_BLDG, 'to': 'zu', 'dirs': ('over',)}),
    ('garden', 'gardens', 'Garten', 'Gärten', 'm', 'L own',
     {'loc': [('in', 'area')], 'to': 'in', 'dirs': ('through', 'over')}),
    ('park', 'parks', 'Park', 'Parks', 'm', 'L visit',
     {'loc': [('in', 'area')], 'to': 'in', 'dirs': ('through', 'over')}),
    ('school', 'schools', 'Schule', 'Schulen', 'f', 'L visit',
     {'loc': AREA_BLDG + [('at', 'arr')], 'to': 'zu', 'frm': True}),
    ('station', 'stations', 'Bahnhof', 'Bahnhöfe', 'm', 'L',
     {'loc': [('at', 'area'), ('at', 'arr'), ('next to', 'area'), ('in front of', 'area')],
      'to': 'zu', 'frm': True}),
    ('city', 'cities', 'Stadt', 'Städte', 'f', 'L visit',
     {'loc': [('in', 'area'), ('in', 'arr'), ('in', 'shop')], 'to': 'in',
      'dirs': ('through', 'over')}),
    ('kitchen', 'kitchens', 'Küche', 'Küchen', 'f', 'L room',
     {'loc': [('in', 'area')], 'to': 'in'}),
    ('room', 'rooms', 'Zimmer', 'Zimmer', 'n', 'L room', {'loc': [('in', 'area')], 'to': 'in'}),
    ('office', 'offices', 'Büro', 'Büros', 'n', 'L room',
     {'loc': [('in', 'area')], 'to': 'in', 'frm': True}),
    ('library', 'libraries', 'Bibliothek', 'Bibliotheken', 'f', 'L visit',
     {'loc': [('in', 'area'), ('in front of', 'area')], 'to': 'in', 'frm': True}),
    ('restaurant', 'restaurants', 'Restaurant', 'Restaurants', 'n', 'L visit',
     {'loc': [('in', 'area'), ('in front of', 'area')], 'to': 'in'}),
    ('supermarket', 'supermarkets', 'Supermarkt', 'Supermärkte', 'm', 'L',
     {'loc': [('in', 'area'), ('in', 'shop'), ('in front of', 'area')], 'to': 'zu'}),
    ('forest', 'forests', 'Wald', 'Wälder', 'm', 'L',
     {'loc': [('in', 'area')], 'to': 'in', 'dirs': ('through', 'over')}),
    ('lake', 'lakes', 'See', 'Seen', 'm', 'L water',
     {'loc': [('in', 'water'), ('at', 'area'), ('at', 'arr')], 'to': 'zu',
      'dirs': ('over', 'into')}),
]

# ---------------------------------------------------------------------------
# Adjectives: (english, german predicative, german stem, noun tags, order class)
# order class: 0 opinion, 1 size, 2 state/quality, 3 age, 4 colour
# ---------------------------------------------------------------------------

ADJS = [
    ('small', 'klein', 'klein', 'P A T F L', 1),
    ('big', 'groß', 'groß', 'P A T F L', 1),
    ('old', 'alt', 'alt', 'P A T L story song', 3),
    ('young', 'jung', 'jung', 'P A', 3),
    ('new', 'neu', 'neu', 'T L song', 3),
    ('good', 'gut', 'gut', 'P A T F M story song', 0),
    ('beautiful', 'schön', 'schön', 'P A T L song story', 0),
    ('red', 'rot', 'rot', 'port veh F', 4),
    ('blue', 'blau', 'blau', 'port veh', 4),
    ('green', 'grün', 'grün', 'port veh F', 4),
    ('black', 'schwarz', 'schwarz', 'A port veh', 4),
    ('white', 'weiß', 'weiß', 'A port veh', 4),
    ('tired', 'müde', 'müd', 'P A', 2),
    ('happy', 'glücklich', 'glücklich', 'P A', 2),
    ('sad', 'traurig', 'traurig', 'P A', 2),
    ('friendly', 'freundlich', 'freundlich', 'P A', 0),
    ('clever', 'klug', 'klug', 'P A', 0),
    ('hungry', 'hungrig', 'hungrig', 'P A', 2),
    ('sick', 'krank', 'krank', 'P A', 2),
    ('strong', 'stark', 'stark', 'P A', 2),
    ('fast', 'schnell', 'schnell', 'A veh', 2),
    ('quiet', 'ruhig', 'ruhig', 'P A L', 2),
    ('funny', 'lustig', 'lustig', 'P A story pict song', 0),
    ('interesting', 'interessant', 'interessant', 'read story pict prob L', 0),
    ('cheap', 'billig', 'billig', 'port veh', 0),
    ('heavy', 'schwer', 'schwer', 'port furn', 2),
    ('empty', 'leer', 'leer', 'vessel', 2),
    ('warm', 'warm', 'warm', 'drink hotfood room', 2),
    ('cold', 'kalt', 'kalt', 'drink hotfood room water', 2),
    ('hot', 'heiß', 'heiß', 'drink hotfood', 2),
    ('fresh', 'frisch', 'frisch', 'F edible drink', 2),
]

# ---------------------------------------------------------------------------
# Verbs: (key, english base/-s/past/participle/-ing, german infinitive,
# german present 1sg/2sg/3sg, german participle, frame, subject tags[, object tags[, dative tags]]
# [, {keyword fields}]); frame: intr acc dat ditr put have cop; keyword fields: see words.Verb.
# ---------------------------------------------------------------------------

LOC_ALL = ('area', 'furn', 'veh', 'home')
VERBS = [
    # ----- intransitive
    ('sleep', ('sleep', 'sleeps', 'slept', 'slept', 'sleeping'), 'schlafen',
     ('schlafe', 'schläfst', 'schläft'), 'geschlafen', 'intr', 'P A',
     {'pps': {'loc': (0.5, LOC_ALL)}, 'where': 'wo', 'weight': 1.3}),
    ('play', ('play', 'plays', 'played', 'played', 'playing'), 'spielen',
     ('spiele', 'spielst', 'spielt'), 'gespielt', 'intr', 'P A',
     {'pps': {'loc': (0.35, ('area', 'furn', 'home')), 'with': (0.3, 'P A toy')}, 'where': 'wo',
      'weight': 1.3}),
    ('work', ('work', 'works', 'worked', 'worked', 'working'), 'arbeiten',
     ('arbeite', 'arbeitest', 'arbeitet'), 'gearbeitet', 'intr', 'P',
     {'pps': {'loc': (0.5, ('area', 'home')), 'with': (0.15, 'P')}, 'where': 'wo'}),
    ('dance', ('dance', 'dances', 'danced', 'danced', 'dancing'), 'tanzen',
     ('tanze', 'tanzt', 'tanzt'), 'getanzt', 'intr', 'P',
     {'pps': {'loc': (0.3, ('area', 'home')), 'with': (0.35, 'P')}, 'where': 'wo', 'weight': 0.7}),
    ('swim', ('swim', 'swims', 'swam', 'swum', 'swimming'), 'schwimmen',
     ('schwimme', 'schwimmst', 'schwimmt'), 'geschwommen', 'intr', 'P swim',
     {'aux': 'sein', 'pps': {'loc': (0.6, ('water',)), 'with': (0.2, 'P A')}, 'where': 'wo',
      'weight': 0.7}),
    ('run', ('run', 'runs', 'ran', 'run', 'running'), 'laufen', ('laufe', 'läufst', 'läuft'),
     'gelaufen', 'intr', 'P A',
     {'aux': 'sein',
      'pps': {'loc': (0.3, ('area',)), 'dir': (0.5, ('to', 'to_person', 'through', 'home'))}}),
    ('go', ('go', 'goes', 'went', 'gone', 'going'), 'gehen', ('gehe', 'gehst', 'geht'), 'gegangen',
     'intr', 'P A',
     {'aux': 'sein', 'pps': {'dir': (1.0, ('to', 'to', 'to_person', 'through', 'home'))},
      'where': 'wohin', 'weight': 1.5}),
    ('drive', ('drive', 'drives', 'drove', 'driven', 'driving'), 'fahren',
     ('fahre', 'fährst', 'fährt'), 'gefahren', 'intr', 'P',
     {'aux': 'sein', 'pps': {'dir': (1.0, ('to', 'to', 'to_person', 'home'))}, 'where': 'wohin'}),
    ('come', ('come', 'comes', 'came', 'come', 'coming'), 'kommen', ('komme', 'kommst', 'kommt'),
     'gekommen', 'intr', 'P A',
     {'aux': 'sein',
      'pps': {'dir': (0.6, ('to', 'to_person', 'home', 'home')), 'without': (0.15, 'P A lay')}}),
    ('fly', ('fly', 'flies', 'flew', 'flown', 'flying'), 'fliegen',
     ('fliege', 'fliegst', 'fliegt'), 'geflogen', 'intr', 'bird',
     {'aux': 'sein', 'pps': {'dir': (1.0, ('over', 'to'))}, 'where': 'wohin', 'weight': 0.6}),
    ('jump', ('jump', 'jumps', 'jumped', 'jumped', 'jumping'), 'springen',
     ('springe', 'springst', 'springt'), 'gesprungen', 'intr', 'P A',
     {'aux': 'sein', 'pps': {'dir': (1.0, ('onto', 'into'))}, 'weight': 0.7}),
    ('sit', ('sit', 'sits', 'sat', 'sat', 'sitting'), 'sitzen', ('sitze', 'sitzt', 'sitzt'),
     'gesessen', 'intr', 'P A',
     {'pps': {'loc': (1.0, ('area', 'furn', 'furn', 'veh'))}, 'where': 'wo'}),
    ('lie', ('lie', 'lies', 'lay', 'lain', 'lying'), 'liegen', ('liege', 'liegst', 'liegt'),
     'gelegen', 'intr', 'P A lay',
     {'no_perf': True, 'pps': {'loc': (1.0, ('area', 'furn', 'furn', 'veh', 'cont'))},
      'where': 'wo'}),
    ('wait', ('wait', 'waits', 'waited', 'waited', 'waiting'), 'warten',
     ('warte', 'wartest', 'wartet'), 'gewartet', 'intr', 'P A',
     {'pps': {'loc': (0.35, ('area', 'home', 'veh')), 'pobj': (0.45, 'P A bus')}, 'where': 'wo'}),
    ('wake', ('wake', 'wakes', 'woke', 'woken', 'waking'), 'aufwachen',
     ('wache', 'wachst', 'wacht'), 'aufgewacht', 'intr', 'P A',
     {'particle': 'up', 'prefix': 'auf', 'aux': 'sein', 'pps': {'loc': (0.3, ('furn', 'area'))},
      'where': 'wo', 'weight': 0.7}),
    ('arrive', ('arrive', 'arrives', 'arrived', 'arrived', 'arriving'), 'ankommen',
     ('komme', 'kommst', 'kommt'), 'angekommen', 'intr', 'P',
     {'prefix': 'an', 'aux': 'sein', 'pps': {'loc': (0.6, ('arr', 'home'))}, 'where': 'wo',
      'weight': 0.7}),
    ('shop', ('go', 'goes', 'went', 'gone', 'going'), 'einkaufen', ('kaufe', 'kaufst', 'kauft'),
     'eingekauft', 'intr', 'P',
     {'particle': 'shopping', 'prefix': 'ein',
      'pps': {'loc': (0.35, ('shop',)), 'with': (0.2, 'P'), 'without': (0.1, 'P A lay')},
      'where': 'wo', 'weight': 0.7}),
    # ----- accusative object
    ('see', ('see', 'sees', 'saw', 'seen', 'seeing'), 'sehen', ('sehe', 'siehst', 'sieht'),
     'gesehen', 'acc', 'P A', 'P A port veh tree L F furn',
     {'stative': True, 'pps': {'loc': (0.2, ('area', 'home'))}, 'where': 'wo', 'weight': 1.5}),
    ('read', ('read', 'reads', 'read', 'read', 'reading'), 'lesen', ('lese', 'liest', 'liest'),
     'gelesen', 'acc', 'P', 'read',
     {'pps': {'loc': (0.3, LOC_ALL)}, 'where': 'wo', 'weight': 1.3}),
    ('eat', ('eat', 'eats', 'ate', 'eaten', 'eating'), 'essen', ('esse', 'isst', 'isst'),
     'gegessen', 'acc', 'P', 'edible',
     {'pps': {'loc': (0.3, ('area', 'furn', 'home'))}, 'where': 'wo', 'weight': 1.2}),
    ('drink', ('drink', 'drinks', 'drank', 'drunk', 'drinking'), 'trinken',
     ('trinke', 'trinkst', 'trinkt'), 'getrunken', 'acc', 'P A', 'drink',
     {'pps': {'loc': (0.3, ('area', 'furn', 'home'))}, 'where': 'wo'}),
    ('buy', ('buy', 'buys', 'bought', 'bought', 'buying'), 'kaufen', ('kaufe', 'kaufst', 'kauft'),
     'gekauft', 'acc', 'P', 'port veh edible drink',
     {'pps': {'loc': (0.15, ('shop',)), 'for': (0.2, 'P')}, 'where': 'wo', 'weight': 1.2}),
    ('seek', ('look', 'looks', 'looked', 'looked', 'looking'), 'suchen',
     ('suche', 'suchst', 'sucht'), 'gesucht', 'acc', 'P A', 'P A port',
     {'particle': 'for', 'pps': {'loc': (0.2, ('area', 'home'))}, 'where': 'wo'}),
    ('find', ('find', 'finds', 'found', 'found', 'finding'), 'finden',
     ('finde', 'findest', 'findet'), 'gefunden', 'acc', 'P A', 'P A port',
     {'stative': True, 'pps': {'loc': (0.3, ('area', 'furn', 'cont', 'veh', 'home'))},
      'where': 'wo'}),
    ('like', ('like', 'likes', 'liked', 'liked', 'liking'), 'mögen', ('mag', 'magst', 'mag'),
     'gemocht', 'acc', 'P A', 'P A edible drink song story L', {'stative': True}),
    ('know', ('know', 'knows', 'knew', 'known', 'knowing'), 'kennen', ('kenne', 'kennst', 'kennt'),
     'gekannt', 'acc', 'P', 'P L song story', {'stative': True, 'no_perf': True}),
    ('write', ('write', 'writes', 'wrote', 'written', 'writing'), 'schreiben',
     ('schreibe', 'schreibst', 'schreibt'), 'geschrieben', 'acc', 'P', 'write',
     {'pps': {'loc': (0.25, LOC_ALL), 'for': (0.15, 'P')}, 'where': 'wo'}),
    ('cook', ('cook', 'cooks', 'cooked', 'cooked', 'cooking'), 'kochen',
     ('koche', 'kochst', 'kocht'), 'gekocht', 'acc', 'P', 'cook',
     {'pps': {'loc': (0.25, ('area', 'home')), 'for': (0.25, 'P')}, 'where': 'wo', 'weight': 0.8}),
    ('call', ('call', 'calls', 'called', 'called', 'calling'), 'anrufen',
     ('rufe', 'rufst', 'ruft'), 'angerufen', 'acc', 'P', 'P',
     {'prefix': 'an', 'pps': {'loc': (0.15, ('area', 'home'))}, 'where': 'wo'}),
    ('open', ('open', 'opens', 'opened', 'opened', 'opening'), 'aufmachen',
     ('mache', 'machst', 'macht'), 'aufgemacht', 'acc', 'P', 'open', {'prefix': 'auf'}),
    ('close', ('close', 'closes', 'closed', 'closed', 'closing'), 'zumachen',
     ('mache', 'machst', 'macht'), 'zugemacht', 'acc', 'P', 'open', {'prefix': 'zu'}),
    ('watch', ('look', 'looks', 'looked', 'looked', 'looking'), 'anschauen',
     ('schaue', 'schaust', 'schaut'), 'angeschaut', 'acc', 'P A', 'P A port veh tree L',
     {'particle': 'at', 'prefix': 'an', 'pps': {'loc': (0.15, ('area', 'home'))}}),
    ('pick', ('pick', 'picks', 'picked', 'picked', 'picking'), 'abholen',
     ('hole', 'holst', 'holt'), 'abgeholt', 'acc', 'P', 'P',
     {'particle': 'up', 'prefix': 'ab', 'pps': {'from_place': (0.4, None)}, 'no_pron_obj': True,
      'weight': 0.8}),
    ('visit', ('visit', 'visits', 'visited', 'visited', 'visiting'), 'besuchen',
     ('besuche', 'besuchst', 'besucht'), 'besucht', 'acc', 'P', 'P visit'),
    ('forget', ('forget', 'forgets', 'forgot', 'forgotten', 'forgetting'), 'vergessen',
     ('vergesse', 'vergisst', 'vergisst'), 'vergessen', 'acc', 'P', 'port story song',
     {'stative': True, 'weight': 0.8}),
    # ----- dative object
    ('help', ('help', 'helps', 'helped', 'helped', 'helping'), 'helfen',
     ('helfe', 'hilfst', 'hilft'), 'geholfen', 'dat', 'P A',
     {'dat': 'P A', 'pps': {'loc': (0.2, ('area', 'home'))}, 'where': 'wo', 'weight': 1.3}),
    ('follow', ('follow', 'follows', 'followed', 'followed', 'following'), 'folgen',
     ('folge', 'folgst', 'folgt'), 'gefolgt', 'dat', 'P A',
     {'dat': 'P A', 'aux': 'sein', 'pps': {'dir': (0.3, ('to', 'home', 'through'))}}),
    ('answer', ('answer', 'answers', 'answered', 'answered', 'answering'), 'antworten',
     ('antworte', 'antwortest', 'antwortet'), 'geantwortet', 'dat', 'P', {'dat': 'P'}),
    ('listen', ('listen', 'listens', 'listened', 'listened', 'listening'), 'zuhören',
     ('höre', 'hörst', 'hört'), 'zugehört', 'dat', 'P A',
     {'dat': 'P', 'particle': 'to', 'prefix': 'zu'}),
    ('belong', ('belong', 'belongs', 'belonged', 'belonged', 'belonging'), 'gehören',
     ('gehöre', 'gehörst', 'gehört'), 'gehört', 'dat', 'A port veh',
     {'dat': 'P', 'particle': 'to', 'stative': True, 'no_perf': True}),
    # ----- ditransitive (dative + accusative)
    ('give', ('give', 'gives', 'gave', 'given', 'giving'), 'geben', ('gebe', 'gibst', 'gibt'),
     'gegeben', 'ditr', 'P', 'port edible drink', 'P A', {'weight': 1.4}),
    ('show', ('show', 'shows', 'showed', 'shown', 'showing'), 'zeigen',
     ('zeige', 'zeigst', 'zeigt'), 'gezeigt', 'ditr', 'P', 'port veh L A', 'P'),
    ('bring', ('bring', 'brings', 'brought', 'brought', 'bringing'), 'bringen',
     ('bringe', 'bringst', 'bringt'), 'gebracht', 'ditr', 'P', 'port edible drink', 'P A'),
    ('tell', ('tell', 'tells', 'told', 'told', 'telling'), 'erzählen',
     ('erzähle', 'erzählst', 'erzählt'), 'erzählt', 'ditr', 'P', 'story', 'P', {'weight': 0.7}),
    ('explain', ('explain', 'explains', 'explained', 'explained', 'explaining'), 'erklären',
     ('erkläre', 'erklärst', 'erklärt'), 'erklärt', 'ditr', 'P', 'prob story pict', 'P',
     {'dbl': False, 'weight': 0.6}),
    # ----- others
    ('put', ('put', 'puts', 'put', 'put', 'putting'), 'legen', ('lege', 'legst', 'legt'), 'gelegt',
     'put', 'P', 'lay', {'weight': 1.0}),
    ('have', ('have', 'has', 'had', 'had', 'having'), 'haben', ('habe', 'hast', 'hat'), 'gehabt',
     'have', 'P', 'A port veh own',
     {'stative': True, 'pret': ('hatte', 'hattest', 'hatte', 'hatten'), 'weight': 1.3}),
    ('be', ('be', 'is', 'was', 'been', 'being'), 'sein', ('bin', 'bist', 'ist'), 'gewesen', 'cop',
     'P A T X F M L',
     {'pl': 'sind', 'aux': 'sein', 'stative': True, 'pret': ('war', 'warst', 'war', 'waren'),
      'where': 'wo', 'weight': 3.0}),
]

# verbs taking a "that"-clause (present tense only)
SAY_VERBS = [
    ('say', ('say', 'says', 'said', 'said', 'saying'), 'sagen', ('sage', 'sagst', 'sagt'),
     'gesagt', 'say', 'P'),
    ('think', ('think', 'thinks', 'thought', 'thought', 'thinking'), 'denken',
     ('denke', 'denkst', 'denkt'), 'gedacht', 'say', 'P'),
    ('knowthat', ('know', 'knows', 'knew', 'known', 'knowing'), 'wissen',
     ('weiß', 'weißt', 'weiß'), 'gewusst', 'say', 'P'),
    ('hope', ('hope', 'hopes', 'hoped', 'hoped', 'hoping'), 'hoffen', ('hoffe', 'hoffst', 'hofft'),
     'gehofft', 'say', 'P'),
]

# modal: english (3sg, other), german present (1sg, 2sg, 3sg, pl)
MODALS = {
    'can': (('can', 'can'), ('kann', 'kannst', 'kann', 'können')),
    'must': (('must', 'must'), ('muss', 'musst', 'muss', 'müssen')),
    'want': (('wants to', 'want to'), ('will', 'willst', 'will', 'wollen')),
}
HABEN = ('habe', 'hast', 'hat', 'haben')
SEIN = ('bin', 'bist', 'ist', 'sind')
PIDX = {'1sg': 0, '2sg': 1, '3sg': 2, '1pl': 3, '3pl': 3}

# time phrases (english, german, allowed tenses) and frequency adverbs
TIMES = [
    ('today', 'heute', {'pres', 'prog', 'modal', 'fut', 'past'}),
    ('now', 'jetzt', {'pres', 'prog', 'modal'}),
    ('every day', 'jeden Tag', {'pres', 'modal'}),
    ('in the morning', 'am Morgen', {'pres', 'modal'}),
    ('in the evening', 'am Abend', {'pres', 'modal'}),
    ('tomorrow', 'morgen', {'fut'}),
    ('yesterday', 'gestern', {'past'}),
    ('last week', 'letzte Woche', {'past'}),
    ('on Monday', 'am Montag', {'past', 'fut'}),
    ('on the weekend', 'am Wochenende', {'past', 'fut'}),
]
FREQS = [  # (english, german, tenses, may be fronted)
    ('often', 'oft', {'pres', 'past', 'perf'}, True),
    ('sometimes', 'manchmal', {'pres', 'past'}, True),
    ('always', 'immer', {'pres', 'past', 'perf'}, False),
    ('usually', 'normalerweise', {'pres'}, True),
]

# ---------------------------------------------------------------------------
# Prepositions, the English copula, subordinating conjunctions
# ---------------------------------------------------------------------------

# key -> (english, german, case)
PREPS = {
    'loc:in': ('in', 'in', 'dat'), 'loc:on': ('on', 'auf', 'dat'),
    'loc:at': ('at', 'an', 'dat'), 'loc:under': ('under', 'unter', 'dat'),
    'loc:next to': ('next to', 'neben', 'dat'), 'loc:behind': ('behind', 'hinter', 'dat'),
    'loc:in front of': ('in front of', 'vor', 'dat'), 'loc:on-in': ('on', 'in', 'dat'),
    'put:in': ('in', 'in', 'acc'), 'put:on': ('on', 'auf', 'acc'),
    'put:under': ('under', 'unter', 'acc'), 'put:next to': ('next to', 'neben', 'acc'),
    'put:behind': ('behind', 'hinter', 'acc'),
    'dir:zu': ('to', 'zu', 'dat'), 'dir:in': ('to', 'in', 'acc'),
    'dir:through': ('through', 'durch', 'acc'), 'dir:over': ('over', 'über', 'acc'),
    'dir:onto': ('onto', 'auf', 'acc'), 'dir:into': ('into', 'in', 'acc'),
    'with': ('with', 'mit', 'dat'), 'for': ('for', 'für', 'acc'),
    'without': ('without', 'ohne', 'acc'), 'from': ('from', 'von', 'dat'),
    'pobj': ('for', 'auf', 'acc'),
}

BE_PRES = {'1sg': 'am', '2sg': 'are', '3sg': 'is', '1pl': 'are', '3pl': 'are'}
BE_PAST = {'1sg': 'was', '2sg': 'were', '3sg': 'was', '1pl': 'were', '3pl': 'were'}

# (english, german, tenses allowed in the main clause: both | pres, weight)
SUBCONJ = [('because', 'weil', 'both', 5), ('although', 'obwohl', 'both', 2),
           ('when', 'wenn', 'pres', 1.5), ('if', 'wenn', 'pres', 1.5),
           ('while', 'während', 'pres', 1)]
