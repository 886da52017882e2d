#!/usr/bin/env python3
"""Generate nmt's default English->German parallel corpus.

Every sentence is produced by the small grammar in this file (the project's
own lexicon and rules; nothing is copied from an existing corpus).  The output
is raw, natural text (capitalisation, commas, final punctuation); the nmt
pipeline tokenizes and lowercases it itself.

Usage (from the repository root):

    python3 scripts/recipes/default-corpus/make.py                  # seed 20240601
    python3 scripts/recipes/default-corpus/make.py --seed 7 --out /tmp/corpus

Writes train.{en,de} (20,000 pairs), valid.{en,de} (500) and test.{en,de}
(500).  Line N of X.en and X.de are translations of each other.  Every pair is
unique on both sides, so no valid/test sentence (English or German) occurs in
train.  Output is deterministic for a given seed (standard library only, no
iteration over hash-ordered containers).

German phenomena the grammar covers (so a model must learn reordering and
agreement):

* gender (der/die/das) and case (nominative/accusative/dative) of articles,
  possessives (mein, dein, sein, ihr, unser), dieser/jeder, kein and pronouns;
* weak / mixed / strong adjective endings (der kleine Hund, ein kleiner Hund,
  kaltes Wasser, mit zwei kleinen Hunden, keine kleinen Hunde);
* plurals incl. umlaut plurals and the dative plural -n (den Kindern), weak
  masculine nouns (den Jungen, dem Studenten), the neuter das Mädchen;
* prepositions governing the dative (mit, zu, von, ...), the accusative (für,
  ohne, durch) and two-way prepositions (location -> dative, direction ->
  accusative: "auf dem Tisch" vs. "legt ... auf den Tisch"), contractions
  (im, ins, am, zum, zur, vom);
* verb conjugation by person/number in the present (incl. stem changes:
  sieht, liest, isst, hilft, fährt, läuft, mag, weiß), English simple and
  progressive present -> German present, English "will" + "tomorrow" ->
  German present;
* perfect tense with haben/sein + participle at the end (English simple past
  and present perfect both -> German Perfekt; sein/haben use the Präteritum
  war/hatte);
* modal verbs (können, müssen, wollen) with the infinitive at the end;
* separable verbs (ruft ... an, macht ... auf, holt ... ab, kauft ... ein;
  rejoined in verb-final position: "weil sie ihn anruft", "angerufen hat");
* verb-second inversion after fronted adverbs, time phrases, PPs and fronted
  subordinate clauses ("Heute liest die Frau ein Buch.", "Weil ..., schläft
  der Mann.");
* verb-final subordinate clauses (weil, dass, obwohl, wenn, während) and
  relative clauses (der/die/das/den/dem/denen) with the required commas;
* yes/no questions (verb first), wh-questions (wer/wen/wem/was/wo/wohin/
  warum/wann), negation with nicht and kein, dative objects (hilft dem Mann),
  dative-before-accusative order in ditransitives, coordination (und, aber).

To keep the German predictable from the English, every English word/construct
maps one way: "you" is always informal singular du/dich/dir/dein, "friend",
"teacher", ... always the masculine noun, "to the <place>" uses the preposition
that the German noun takes (zur Schule, in den Park), and so on.

Hand-checked examples (each one is re-generated and compared by --check, which
also runs before every generation):

    The small dog sees the old man.
    Der kleine Hund sieht den alten Mann.
    Today the woman reads a book.
    Heute liest die Frau ein Buch.
    The child sleeps because the man sees the dog.
    Das Kind schläft, weil der Mann den Hund sieht.
    The woman gives the child a red apple.
    Die Frau gibt dem Kind einen roten Apfel.
    The teacher has helped the students.
    Der Lehrer hat den Studenten geholfen.
    Anna called the neighbor.
    Anna hat den Nachbarn angerufen.
    The man puts the key on the table.
    Der Mann legt den Schlüssel auf den Tisch.
    The cat is sleeping on the sofa.
    Die Katze schläft auf dem Sofa.
    Because the girl is tired, she does not go to the school.
    Weil das Mädchen müde ist, geht sie nicht zur Schule.
    I think that you have forgotten the key.
    Ich denke, dass du den Schlüssel vergessen hast.
    The dog that the children see is black.
    Der Hund, den die Kinder sehen, ist schwarz.
    Who does the woman help?
    Wem hilft die Frau?
    Does the man drink cold water?
    Trinkt der Mann kaltes Wasser?
    We do not have a car.
    Wir haben kein Auto.
"""

import argparse
import os
import random
import sys

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
# Nouns
# ---------------------------------------------------------------------------


class Noun:
    def __init__(self, en, en_pl, de, de_pl, g, tags, weak=None, loc=(),
                 to=None, dirs=(), put=(), frm=False):
        self.en, self.en_pl, self.de, self.de_pl, self.g = en, en_pl, de, de_pl, g
        self.tags = frozenset(tags.split())
        self.weak = weak          # weak masculine: form for acc/dat/plural
        self.loc = tuple(loc)     # ((english prep, kind), ...) as a location
        self.to = to              # "to the X": 'zu' (+dat) or 'in' (+acc)
        self.dirs = tuple(dirs)   # other directions: through, over, onto, into
        self.put = tuple(put)     # "puts sth <prep> the X" (+acc)
        self.frm = frm            # "picks sb up from the X" (von + dat)
        self.mass = 'M' in self.tags

    def de_form(self, num, case):
        if num == 'sg':
            return self.weak if (self.weak and case != 'nom') else self.de
        if case == 'dat' and not self.de_pl.endswith(('n', 's')):
            return self.de_pl + 'n'
        return self.de_pl


def _n(*a, **k):
    return Noun(*a, **k)


AREA_BLDG = [('in', 'area'), ('next to', 'area'), ('behind', 'area'),
             ('in front of', 'area')]

NOUNS = [
    # persons
    _n('man', 'men', 'Mann', 'Männer', 'm', 'P', to='zu'),
    _n('woman', 'women', 'Frau', 'Frauen', 'f', 'P', to='zu'),
    _n('child', 'children', 'Kind', 'Kinder', 'n', 'P rel', to='zu'),
    _n('boy', 'boys', 'Junge', 'Jungen', 'm', 'P', weak='Jungen', to='zu'),
    _n('girl', 'girls', 'Mädchen', 'Mädchen', 'n', 'P', to='zu'),
    _n('teacher', 'teachers', 'Lehrer', 'Lehrer', 'm', 'P rel', to='zu'),
    _n('doctor', 'doctors', 'Arzt', 'Ärzte', 'm', 'P rel', to='zu'),
    _n('student', 'students', 'Student', 'Studenten', 'm', 'P', weak='Studenten', to='zu'),
    _n('neighbor', 'neighbors', 'Nachbar', 'Nachbarn', 'm', 'P rel', weak='Nachbarn', to='zu'),
    _n('police officer', 'police officers', 'Polizist', 'Polizisten', 'm', 'P',
       weak='Polizisten', to='zu'),
    _n('father', 'fathers', 'Vater', 'Väter', 'm', 'P rel one', to='zu'),
    _n('mother', 'mothers', 'Mutter', 'Mütter', 'f', 'P rel one', to='zu'),
    _n('sister', 'sisters', 'Schwester', 'Schwestern', 'f', 'P rel', to='zu'),
    _n('friend', 'friends', 'Freund', 'Freunde', 'm', 'P rel', to='zu'),
    # animals
    _n('dog', 'dogs', 'Hund', 'Hunde', 'm', 'A swim'),
    _n('cat', 'cats', 'Katze', 'Katzen', 'f', 'A'),
    _n('horse', 'horses', 'Pferd', 'Pferde', 'n', 'A swim'),
    _n('bird', 'birds', 'Vogel', 'Vögel', 'm', 'A bird'),
    _n('mouse', 'mice', 'Maus', 'Mäuse', 'f', 'A'),
    _n('bear', 'bears', 'Bär', 'Bären', 'm', 'A swim', weak='Bären'),
    _n('lion', 'lions', 'Löwe', 'Löwen', 'm', 'A', weak='Löwen'),
    _n('monkey', 'monkeys', 'Affe', 'Affen', 'm', 'A', weak='Affen'),
    _n('duck', 'ducks', 'Ente', 'Enten', 'f', 'A bird swim'),
    _n('elephant', 'elephants', 'Elefant', 'Elefanten', 'm', 'A swim', weak='Elefanten'),
    # things
    _n('book', 'books', 'Buch', 'Bücher', 'n', 'T port read write open lay gift'),
    _n('letter', 'letters', 'Brief', 'Briefe', 'm', 'T port read write lay gift'),
    _n('newspaper', 'newspapers', 'Zeitung', 'Zeitungen', 'f', 'T port read lay'),
    _n('story', 'stories', 'Geschichte', 'Geschichten', 'f', 'X story read write'),
    _n('song', 'songs', 'Lied', 'Lieder', 'n', 'X song write'),
    _n('picture', 'pictures', 'Bild', 'Bilder', 'n', 'T port pict lay gift'),
    _n('ball', 'balls', 'Ball', 'Bälle', 'm', 'T port lay gift toy'),
    _n('bag', 'bags', 'Tasche', 'Taschen', 'f', 'T port open lay gift vessel',
       loc=[('in', 'cont')], put=('in', 'next to')),
    _n('key', 'keys', 'Schlüssel', 'Schlüssel', 'm', 'T port lay'),
    _n('bottle', 'bottles', 'Flasche', 'Flaschen', 'f', 'T port open vessel'),
    _n('cup', 'cups', 'Tasse', 'Tassen', 'f', 'T port vessel'),
    _n('flower', 'flowers', 'Blume', 'Blumen', 'f', 'T port gift'),
    _n('phone', 'phones', 'Telefon', 'Telefone', 'n', 'T port lay gift'),
    _n('box', 'boxes', 'Kiste', 'Kisten', 'f', 'T port open vessel',
       loc=[('in', 'cont'), ('next to', 'furn')], put=('in', 'next to'), dirs=('into',)),
    _n('problem', 'problems', 'Problem', 'Probleme', 'n', 'X prob'),
    _n('table', 'tables', 'Tisch', 'Tische', 'm', 'T furn',
       loc=[('on', 'furn'), ('under', 'furn'), ('at', 'furn'), ('next to', 'furn')],
       put=('on', 'under', 'next to'), dirs=('onto',)),
    _n('chair', 'chairs', 'Stuhl', 'Stühle', 'm', 'T furn',
       loc=[('on', 'furn'), ('under', 'furn'), ('next to', 'furn')],
       put=('on', 'under', 'next to'), dirs=('onto',)),
    _n('bed', 'beds', 'Bett', 'Betten', 'n', 'T furn',
       loc=[('in', 'furn'), ('on', 'furn'), ('under', 'furn'), ('next to', 'furn')],
       put=('on', 'under', 'next to'), dirs=('onto',)),
    _n('sofa', 'sofas', 'Sofa', 'Sofas', 'n', 'T furn',
       loc=[('on', 'furn'), ('under', 'furn'), ('behind', 'furn'), ('next to', 'furn')],
       put=('on', 'under', 'behind', 'next to'), dirs=('onto',)),
    _n('door', 'doors', 'Tür', 'Türen', 'f', 'T open',
       loc=[('at', 'area'), ('in front of', 'area'), ('next to', 'area')],
       put=('next to', 'behind')),
    _n('window', 'windows', 'Fenster', 'Fenster', 'n', 'T open',
       loc=[('at', 'area'), ('next to', 'area')]),
    _n('car', 'cars', 'Auto', 'Autos', 'n', 'T veh',
       loc=[('in', 'veh'), ('next to', 'area'), ('behind', 'area'), ('in front of', 'area')],
       put=('in',), dirs=('into',)),
    _n('bike', 'bikes', 'Fahrrad', 'Fahrräder', 'n', 'T veh', loc=[('next to', 'area')]),
    _n('bus', 'buses', 'Bus', 'Busse', 'm', 'T veh bus', loc=[('on-in', 'veh')]),
    _n('tree', 'trees', 'Baum', 'Bäume', 'm', 'T tree',
       loc=[('under', 'area'), ('next to', 'area'), ('behind', 'area'), ('in front of', 'area')],
       to='zu', dirs=('over',)),
    # food (countable)
    _n('apple', 'apples', 'Apfel', 'Äpfel', 'm', 'F edible lay gift'),
    _n('egg', 'eggs', 'Ei', 'Eier', 'n', 'F edible cook'),
    _n('banana', 'bananas', 'Banane', 'Bananen', 'f', 'F edible lay'),
    _n('cake', 'cakes', 'Kuchen', 'Kuchen', 'm', 'F edible gift'),
    # mass nouns (no plural, no "a")
    _n('coffee', None, 'Kaffee', None, 'm', 'M drink'),
    _n('tea', None, 'Tee', None, 'm', 'M drink'),
    _n('milk', None, 'Milch', None, 'f', 'M drink'),
    _n('water', None, 'Wasser', None, 'n', 'M drink'),
    _n('juice', None, 'Saft', None, 'm', 'M drink'),
    _n('bread', None, 'Brot', None, 'n', 'M edible'),
    _n('soup', None, 'Suppe', None, 'f', 'M edible cook hotfood'),
    _n('cheese', None, 'Käse', None, 'm', 'M edible'),
    # places
    _n('house', 'houses', 'Haus', 'Häuser', 'n', 'L own room', loc=AREA_BLDG,
       to='zu', dirs=('over',)),
    _n('garden', 'gardens', 'Garten', 'Gärten', 'm', 'L own', loc=[('in', 'area')],
       to='in', dirs=('through', 'over')),
    _n('park', 'parks', 'Park', 'Parks', 'm', 'L visit', loc=[('in', 'area')],
       to='in', dirs=('through', 'over')),
    _n('school', 'schools', 'Schule', 'Schulen', 'f', 'L visit',
       loc=AREA_BLDG + [('at', 'arr')], to='zu', frm=True),
    _n('station', 'stations', 'Bahnhof', 'Bahnhöfe', 'm', 'L',
       loc=[('at', 'area'), ('at', 'arr'), ('next to', 'area'), ('in front of', 'area')],
       to='zu', frm=True),
    _n('city', 'cities', 'Stadt', 'Städte', 'f', 'L visit',
       loc=[('in', 'area'), ('in', 'arr'), ('in', 'shop')], to='in', dirs=('through', 'over')),
    _n('kitchen', 'kitchens', 'Küche', 'Küchen', 'f', 'L room', loc=[('in', 'area')], to='in'),
    _n('room', 'rooms', 'Zimmer', 'Zimmer', 'n', 'L room', loc=[('in', 'area')], to='in'),
    _n('office', 'offices', 'Büro', 'Büros', 'n', 'L room', loc=[('in', 'area')],
       to='in', frm=True),
    _n('library', 'libraries', 'Bibliothek', 'Bibliotheken', 'f', 'L visit',
       loc=[('in', 'area'), ('in front of', 'area')], to='in', frm=True),
    _n('restaurant', 'restaurants', 'Restaurant', 'Restaurants', 'n', 'L visit',
       loc=[('in', 'area'), ('in front of', 'area')], to='in'),
    _n('supermarket', 'supermarkets', 'Supermarkt', 'Supermärkte', 'm', 'L',
       loc=[('in', 'area'), ('in', 'shop'), ('in front of', 'area')], to='zu'),
    _n('forest', 'forests', 'Wald', 'Wälder', 'm', 'L', loc=[('in', 'area')],
       to='in', dirs=('through', 'over')),
    _n('lake', 'lakes', 'See', 'Seen', 'm', 'L water',
       loc=[('in', 'water'), ('at', 'area'), ('at', 'arr')], to='zu', dirs=('over', 'into')),
]
NOUN = {n.en: n for n in NOUNS}

# ---------------------------------------------------------------------------
# Adjectives: (english, german predicative, german stem, noun tags, order class)
# order class: 0 opinion, 1 size, 2 state/quality, 3 age, 4 colour
# ---------------------------------------------------------------------------


class Adj:
    def __init__(self, en, pred, stem, tags, cls):
        self.en, self.pred, self.stem, self.cls = en, pred, stem, cls
        self.tags = frozenset(tags.split())


ADJS = [Adj(*a) for a in [
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
]]
ADJ = {a.en: a for a in ADJS}

# ---------------------------------------------------------------------------
# Verbs
# ---------------------------------------------------------------------------


def reg(stem, kind=''):
    """Regular German present tense (1sg, 2sg, 3sg) for a stem.
    kind 'e': e-insertion (arbeitest, arbeitet); 's': stem in s/z (tanzt)."""
    if kind == 'e':
        return (stem + 'e', stem + 'est', stem + 'et')
    if kind == 's':
        return (stem + 'e', stem + 't', stem + 't')
    return (stem + 'e', stem + 'st', stem + 't')


class Verb:
    def __init__(self, key, en, de_inf, de_pres, de_pp, frame, subj, obj='', dat='',
                 particle='', prefix='', aux='haben', pl=None, pret=None,
                 stative=False, no_perf=False, pps=None, dbl=True, to_form=True,
                 where=None, no_pron_obj=False, weight=1.0):
        self.key = key
        self.en = dict(zip(('base', 's', 'past', 'pp', 'ing'), en))
        self.particle = particle
        self.de_inf = de_inf
        base_inf = de_inf[len(prefix):] if prefix else de_inf
        self.de_pres = tuple(de_pres) + ((pl or base_inf),)
        self.de_pp = de_pp
        self.prefix = prefix
        self.aux = aux
        self.pret = pret
        self.frame = frame       # intr acc dat ditr put have cop
        self.subj = frozenset(subj.split())
        self.obj = frozenset(obj.split())
        self.dat = frozenset(dat.split())
        self.stative = stative
        self.no_perf = no_perf
        self.pps = pps or {}     # kind -> (prob, spec)
        self.dbl = dbl           # English double-object form allowed
        self.to_form = to_form   # English "to"-dative form allowed
        self.where = where       # 'wo' / 'wohin' for where-questions
        self.no_pron_obj = no_pron_obj
        self.weight = weight


LOC_ALL = ('area', 'furn', 'veh', 'home')
VERBS = [
    # ----- intransitive
    Verb('sleep', ('sleep', 'sleeps', 'slept', 'slept', 'sleeping'), 'schlafen',
         ('schlafe', 'schläfst', 'schläft'), 'geschlafen', 'intr', 'P A',
         pps={'loc': (0.5, LOC_ALL)}, where='wo', weight=1.3),
    Verb('play', ('play', 'plays', 'played', 'played', 'playing'), 'spielen',
         reg('spiel'), 'gespielt', 'intr', 'P A',
         pps={'loc': (0.35, ('area', 'furn', 'home')), 'with': (0.3, 'P A toy')},
         where='wo', weight=1.3),
    Verb('work', ('work', 'works', 'worked', 'worked', 'working'), 'arbeiten',
         reg('arbeit', 'e'), 'gearbeitet', 'intr', 'P',
         pps={'loc': (0.5, ('area', 'home')), 'with': (0.15, 'P')}, where='wo'),
    Verb('dance', ('dance', 'dances', 'danced', 'danced', 'dancing'), 'tanzen',
         reg('tanz', 's'), 'getanzt', 'intr', 'P',
         pps={'loc': (0.3, ('area', 'home')), 'with': (0.35, 'P')}, where='wo', weight=0.7),
    Verb('swim', ('swim', 'swims', 'swam', 'swum', 'swimming'), 'schwimmen',
         reg('schwimm'), 'geschwommen', 'intr', 'P swim', aux='sein',
         pps={'loc': (0.6, ('water',)), 'with': (0.2, 'P A')}, where='wo', weight=0.7),
    Verb('run', ('run', 'runs', 'ran', 'run', 'running'), 'laufen',
         ('laufe', 'läufst', 'läuft'), 'gelaufen', 'intr', 'P A', aux='sein',
         pps={'loc': (0.3, ('area',)), 'dir': (0.5, ('to', 'to_person', 'through', 'home'))}),
    Verb('go', ('go', 'goes', 'went', 'gone', 'going'), 'gehen', reg('geh'), 'gegangen',
         'intr', 'P A', aux='sein',
         pps={'dir': (1.0, ('to', 'to', 'to_person', 'through', 'home'))}, where='wohin',
         weight=1.5),
    Verb('drive', ('drive', 'drives', 'drove', 'driven', 'driving'), 'fahren',
         ('fahre', 'fährst', 'fährt'), 'gefahren', 'intr', 'P', aux='sein',
         pps={'dir': (1.0, ('to', 'to', 'to_person', 'home'))}, where='wohin'),
    Verb('come', ('come', 'comes', 'came', 'come', 'coming'), 'kommen', reg('komm'),
         'gekommen', 'intr', 'P A', aux='sein',
         pps={'dir': (0.6, ('to', 'to_person', 'home', 'home')),
              'without': (0.15, 'P A lay')}),
    Verb('fly', ('fly', 'flies', 'flew', 'flown', 'flying'), 'fliegen', reg('flieg'),
         'geflogen', 'intr', 'bird', aux='sein',
         pps={'dir': (1.0, ('over', 'to'))}, where='wohin', weight=0.6),
    Verb('jump', ('jump', 'jumps', 'jumped', 'jumped', 'jumping'), 'springen',
         reg('spring'), 'gesprungen', 'intr', 'P A', aux='sein',
         pps={'dir': (1.0, ('onto', 'into'))}, weight=0.7),
    Verb('sit', ('sit', 'sits', 'sat', 'sat', 'sitting'), 'sitzen', reg('sitz', 's'),
         'gesessen', 'intr', 'P A', pps={'loc': (1.0, ('area', 'furn', 'furn', 'veh'))},
         where='wo'),
    Verb('lie', ('lie', 'lies', 'lay', 'lain', 'lying'), 'liegen', reg('lieg'), 'gelegen',
         'intr', 'P A lay', no_perf=True,
         pps={'loc': (1.0, ('area', 'furn', 'furn', 'veh', 'cont'))}, where='wo'),
    Verb('wait', ('wait', 'waits', 'waited', 'waited', 'waiting'), 'warten',
         reg('wart', 'e'), 'gewartet', 'intr', 'P A',
         pps={'loc': (0.35, ('area', 'home', 'veh')), 'pobj': (0.45, 'P A bus')}, where='wo'),
    Verb('wake', ('wake', 'wakes', 'woke', 'woken', 'waking'), 'aufwachen',
         ('wache', 'wachst', 'wacht'), 'aufgewacht', 'intr', 'P A', particle='up',
         prefix='auf', aux='sein', pps={'loc': (0.3, ('furn', 'area'))}, where='wo',
         weight=0.7),
    Verb('arrive', ('arrive', 'arrives', 'arrived', 'arrived', 'arriving'), 'ankommen',
         ('komme', 'kommst', 'kommt'), 'angekommen', 'intr', 'P', prefix='an', aux='sein',
         pps={'loc': (0.6, ('arr', 'home'))}, where='wo', weight=0.7),
    Verb('shop', ('go', 'goes', 'went', 'gone', 'going'), 'einkaufen',
         ('kaufe', 'kaufst', 'kauft'), 'eingekauft', 'intr', 'P', particle='shopping',
         prefix='ein', pps={'loc': (0.35, ('shop',)), 'with': (0.2, 'P'),
                            'without': (0.1, 'P A lay')}, where='wo', weight=0.7),
    # ----- accusative object
    Verb('see', ('see', 'sees', 'saw', 'seen', 'seeing'), 'sehen',
         ('sehe', 'siehst', 'sieht'), 'gesehen', 'acc', 'P A',
         'P A port veh tree L F furn', stative=True,
         pps={'loc': (0.2, ('area', 'home'))}, where='wo', weight=1.5),
    Verb('read', ('read', 'reads', 'read', 'read', 'reading'), 'lesen',
         ('lese', 'liest', 'liest'), 'gelesen', 'acc', 'P', 'read',
         pps={'loc': (0.3, LOC_ALL)}, where='wo', weight=1.3),
    Verb('eat', ('eat', 'eats', 'ate', 'eaten', 'eating'), 'essen', ('esse', 'isst', 'isst'),
         'gegessen', 'acc', 'P', 'edible', pps={'loc': (0.3, ('area', 'furn', 'home'))},
         where='wo', weight=1.2),
    Verb('drink', ('drink', 'drinks', 'drank', 'drunk', 'drinking'), 'trinken',
         reg('trink'), 'getrunken', 'acc', 'P A', 'drink',
         pps={'loc': (0.3, ('area', 'furn', 'home'))}, where='wo'),
    Verb('buy', ('buy', 'buys', 'bought', 'bought', 'buying'), 'kaufen', reg('kauf'),
         'gekauft', 'acc', 'P', 'port veh edible drink',
         pps={'loc': (0.15, ('shop',)), 'for': (0.2, 'P')}, where='wo', weight=1.2),
    Verb('seek', ('look', 'looks', 'looked', 'looked', 'looking'), 'suchen', reg('such'),
         'gesucht', 'acc', 'P A', 'P A port', particle='for',
         pps={'loc': (0.2, ('area', 'home'))}, where='wo'),
    Verb('find', ('find', 'finds', 'found', 'found', 'finding'), 'finden', reg('find', 'e'),
         'gefunden', 'acc', 'P A', 'P A port', stative=True,
         pps={'loc': (0.3, ('area', 'furn', 'cont', 'veh', 'home'))}, where='wo'),
    Verb('like', ('like', 'likes', 'liked', 'liked', 'liking'), 'mögen',
         ('mag', 'magst', 'mag'), 'gemocht', 'acc', 'P A', 'P A edible drink song story L',
         stative=True),
    Verb('know', ('know', 'knows', 'knew', 'known', 'knowing'), 'kennen', reg('kenn'),
         'gekannt', 'acc', 'P', 'P L song story', stative=True, no_perf=True),
    Verb('write', ('write', 'writes', 'wrote', 'written', 'writing'), 'schreiben',
         reg('schreib'), 'geschrieben', 'acc', 'P', 'write',
         pps={'loc': (0.25, LOC_ALL), 'for': (0.15, 'P')}, where='wo'),
    Verb('cook', ('cook', 'cooks', 'cooked', 'cooked', 'cooking'), 'kochen', reg('koch'),
         'gekocht', 'acc', 'P', 'cook',
         pps={'loc': (0.25, ('area', 'home')), 'for': (0.25, 'P')}, where='wo', weight=0.8),
    Verb('call', ('call', 'calls', 'called', 'called', 'calling'), 'anrufen',
         ('rufe', 'rufst', 'ruft'), 'angerufen', 'acc', 'P', 'P', prefix='an',
         pps={'loc': (0.15, ('area', 'home'))}, where='wo'),
    Verb('open', ('open', 'opens', 'opened', 'opened', 'opening'), 'aufmachen',
         ('mache', 'machst', 'macht'), 'aufgemacht', 'acc', 'P', 'open', prefix='auf'),
    Verb('close', ('close', 'closes', 'closed', 'closed', 'closing'), 'zumachen',
         ('mache', 'machst', 'macht'), 'zugemacht', 'acc', 'P', 'open', prefix='zu'),
    Verb('watch', ('look', 'looks', 'looked', 'looked', 'looking'), 'anschauen',
         ('schaue', 'schaust', 'schaut'), 'angeschaut', 'acc', 'P A',
         'P A port veh tree L', particle='at', prefix='an',
         pps={'loc': (0.15, ('area', 'home'))}),
    Verb('pick', ('pick', 'picks', 'picked', 'picked', 'picking'), 'abholen',
         ('hole', 'holst', 'holt'), 'abgeholt', 'acc', 'P', 'P', particle='up', prefix='ab',
         pps={'from_place': (0.4, None)}, no_pron_obj=True, weight=0.8),
    Verb('visit', ('visit', 'visits', 'visited', 'visited', 'visiting'), 'besuchen',
         reg('besuch'), 'besucht', 'acc', 'P', 'P visit'),
    Verb('forget', ('forget', 'forgets', 'forgot', 'forgotten', 'forgetting'), 'vergessen',
         ('vergesse', 'vergisst', 'vergisst'), 'vergessen', 'acc', 'P', 'port story song',
         stative=True, weight=0.8),
    # ----- dative object
    Verb('help', ('help', 'helps', 'helped', 'helped', 'helping'), 'helfen',
         ('helfe', 'hilfst', 'hilft'), 'geholfen', 'dat', 'P A', dat='P A',
         pps={'loc': (0.2, ('area', 'home'))}, where='wo', weight=1.3),
    Verb('follow', ('follow', 'follows', 'followed', 'followed', 'following'), 'folgen',
         reg('folg'), 'gefolgt', 'dat', 'P A', dat='P A', aux='sein',
         pps={'dir': (0.3, ('to', 'home', 'through'))}),
    Verb('answer', ('answer', 'answers', 'answered', 'answered', 'answering'), 'antworten',
         reg('antwort', 'e'), 'geantwortet', 'dat', 'P', dat='P'),
    Verb('listen', ('listen', 'listens', 'listened', 'listened', 'listening'), 'zuhören',
         ('höre', 'hörst', 'hört'), 'zugehört', 'dat', 'P A', dat='P', particle='to',
         prefix='zu'),
    Verb('belong', ('belong', 'belongs', 'belonged', 'belonged', 'belonging'), 'gehören',
         reg('gehör'), 'gehört', 'dat', 'A port veh', dat='P', particle='to',
         stative=True, no_perf=True),
    # ----- ditransitive (dative + accusative)
    Verb('give', ('give', 'gives', 'gave', 'given', 'giving'), 'geben',
         ('gebe', 'gibst', 'gibt'), 'gegeben', 'ditr', 'P', 'port edible drink', 'P A',
         weight=1.4),
    Verb('show', ('show', 'shows', 'showed', 'shown', 'showing'), 'zeigen', reg('zeig'),
         'gezeigt', 'ditr', 'P', 'port veh L A', 'P'),
    Verb('bring', ('bring', 'brings', 'brought', 'brought', 'bringing'), 'bringen',
         reg('bring'), 'gebracht', 'ditr', 'P', 'port edible drink', 'P A'),
    Verb('tell', ('tell', 'tells', 'told', 'told', 'telling'), 'erzählen', reg('erzähl'),
         'erzählt', 'ditr', 'P', 'story', 'P', weight=0.7),
    Verb('explain', ('explain', 'explains', 'explained', 'explained', 'explaining'),
         'erklären', reg('erklär'), 'erklärt', 'ditr', 'P', 'prob story pict', 'P',
         dbl=False, weight=0.6),
    # ----- others
    Verb('put', ('put', 'puts', 'put', 'put', 'putting'), 'legen', reg('leg'), 'gelegt',
         'put', 'P', 'lay', weight=1.0),
    Verb('have', ('have', 'has', 'had', 'had', 'having'), 'haben',
         ('habe', 'hast', 'hat'), 'gehabt', 'have', 'P', 'A port veh own', stative=True,
         pret=('hatte', 'hattest', 'hatte', 'hatten'), weight=1.3),
    Verb('be', ('be', 'is', 'was', 'been', 'being'), 'sein', ('bin', 'bist', 'ist'),
         'gewesen', 'cop', 'P A T X F M L', pl='sind', aux='sein', stative=True,
         pret=('war', 'warst', 'war', 'waren'), where='wo', weight=3.0),
]
VERB = {v.key: v for v in VERBS}

# verbs taking a "that"-clause (present tense only)
SAY_VERBS = [
    Verb('say', ('say', 'says', 'said', 'said', 'saying'), 'sagen', reg('sag'), 'gesagt',
         'say', 'P'),
    Verb('think', ('think', 'thinks', 'thought', 'thought', 'thinking'), 'denken',
         reg('denk'), 'gedacht', 'say', 'P'),
    Verb('knowthat', ('know', 'knows', 'knew', 'known', 'knowing'), 'wissen',
         ('weiß', 'weißt', 'weiß'), 'gewusst', 'say', 'P'),
    Verb('hope', ('hope', 'hopes', 'hoped', 'hoped', 'hoping'), 'hoffen', reg('hoff'),
         'gehofft', 'say', 'P'),
]
SAY = {v.key: v for v in SAY_VERBS}

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
# Noun phrases
# ---------------------------------------------------------------------------


class NP:
    """kind: noun | pron | name | coord | wh"""

    def __init__(self, kind, **kw):
        self.kind = kind
        self.noun = None
        self.num = 'sg'
        self.det = None      # def indef kein poss this every num many bare
        self.poss = None     # (en, de stem)
        self.numw = None     # (en, de)
        self.adjs = []
        self.pron = None
        self.name = None
        self.parts = []
        self.rel = None      # (Clause, role) for a relative clause
        self.__dict__.update(kw)

    @property
    def person(self):
        if self.kind == 'pron':
            return PRONOUNS[self.pron][5]
        if self.kind == 'coord':
            return '3pl'
        if self.kind == 'noun':
            return '3sg' if self.num == 'sg' else '3pl'
        return '3sg'

    def has_tag(self, tags):
        if self.kind == 'noun':
            return bool(self.noun.tags & tags)
        if self.kind in ('pron', 'name', 'wh'):
            return 'P' in tags
        if self.kind == 'coord':
            return all(p.has_tag(tags) for p in self.parts)
        return False

    def lemma_keys(self):
        if self.kind == 'noun':
            return [self.noun.en]
        if self.kind == 'name':
            return [self.name]
        if self.kind == 'pron':
            return ['pron:' + PRONOUNS[self.pron][5]]
        if self.kind == 'coord':
            return [k for p in self.parts for k in p.lemma_keys()]
        return []

    def definite_like(self):
        """Definite enough to be negated with a following 'nicht'."""
        if self.kind in ('pron', 'name', 'coord'):
            return True
        return self.kind == 'noun' and self.det in ('def', 'poss', 'this')

    def indefinite_like(self):
        return self.kind == 'noun' and self.det in ('indef', 'bare')


def a_an(word):
    return 'an' if word[0].lower() in 'aeiou' else 'a'


def en_np(np, obj=False):
    if np.kind == 'pron':
        out = PRONOUNS[np.pron][1 if obj else 0]
    elif np.kind == 'name':
        out = np.name
    elif np.kind == 'coord':
        out = ' and '.join(en_np(p, obj) for p in np.parts)
    elif np.kind == 'wh':
        out = 'who'
    else:
        n = np.noun
        words = [a.en for a in np.adjs] + [n.en if np.num == 'sg' else n.en_pl]
        d = np.det
        if d == 'def':
            det = 'the'
        elif d == 'indef':
            det = a_an(words[0])
        elif d == 'kein':
            det = 'no'
        elif d == 'poss':
            det = np.poss[0]
        elif d == 'this':
            det = 'this' if np.num == 'sg' else 'these'
        elif d == 'every':
            det = 'every'
        elif d == 'num':
            det = np.numw[0]
        elif d == 'many':
            det = 'many'
        else:
            det = None
        out = ' '.join(([det] if det else []) + words)
    if np.rel:
        out += ' ' + en_rel(np)
    return out


def de_np(np, case, kein=False):
    """German NP in the given case.  kein=True turns an indefinite/bare NP into
    the kein-form (used under sentence negation)."""
    ci = CI[case]
    if np.kind == 'pron':
        return PRONOUNS[np.pron][2 + ci]
    if np.kind == 'name':
        return np.name
    if np.kind == 'coord':
        return ' und '.join(de_np(p, case) for p in np.parts)
    n = np.noun
    g = n.g if np.num == 'sg' else 'pl'
    d = np.det
    if kein and d in ('indef', 'bare'):
        d = 'kein'
    if d == 'def':
        det, table = DEF_ART[g][ci], ADJ_WEAK
    elif d == 'this':
        det, table = DIESER[g][ci], ADJ_WEAK
    elif d == 'every':
        det, table = JEDER[g][ci], ADJ_WEAK
    elif d == 'indef':
        det, table = 'ein' + EIN_END[g][ci], ADJ_MIXED
    elif d == 'kein':
        det, table = 'kein' + EIN_END[g][ci], ADJ_MIXED
    elif d == 'poss':
        det, table = np.poss[1] + EIN_END[g][ci], ADJ_MIXED
    elif d == 'num':
        det, table = np.numw[1], ADJ_STRONG
    elif d == 'many':
        det, table = ('viele', 'viele', 'vielen')[ci], ADJ_STRONG
    else:
        det, table = None, ADJ_STRONG
    words = [a.stem + table[g][ci] for a in np.adjs] + [n.de_form(np.num, case)]
    out = ' '.join(([det] if det else []) + words)
    if np.rel:
        out += ', ' + de_rel(np) + ','
    return out


# ---------------------------------------------------------------------------
# Prepositional phrases
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


class PP:
    def __init__(self, key, np=None, kind=None):
        self.key, self.np, self.kind = key, np, kind   # key 'home:loc'/'home:dir' special

    def en(self):
        if self.key == 'home:loc':
            return 'at home'
        if self.key == 'home:dir':
            return 'home'
        return PREPS[self.key][0] + ' ' + en_np(self.np, obj=True)

    def de(self):
        if self.key == 'home:loc':
            return 'zu Hause'
        if self.key == 'home:dir':
            return 'nach Hause'
        _, prep, case = PREPS[self.key]
        s = de_np(self.np, case)
        if self.np.kind == 'noun' and self.np.det == 'def' and not self.np.rel:
            first, rest = s.split(' ', 1)
            if (prep, first) in CONTRACT:
                return CONTRACT[(prep, first)] + ' ' + rest
        return prep + ' ' + s

    def lemma_keys(self):
        return self.np.lemma_keys() if self.np else []


# ---------------------------------------------------------------------------
# Clauses
# ---------------------------------------------------------------------------


class Clause:
    def __init__(self, **kw):
        self.verb = None
        self.tense = 'pres'     # pres prog fut past perf modal
        self.modal = None
        self.subj = None
        self.obj = None         # accusative NP
        self.dat = None         # dative NP
        self.pobj = None        # PP object (warten auf)
        self.pp = None          # adverbial PP
        self.pred = None        # Adj (copula) or PP (copula + location)
        self.neg = False
        self.time = None        # entry of TIMES
        self.freq = None        # entry of FREQS
        self.front = None       # 'time' | 'freq' | 'pp' | None
        self.to_form = False    # English "gives X to Y"
        self.__dict__.update(kw)

    def kein_target(self):
        """Which object turns into 'kein' under negation (None -> use nicht)."""
        if not self.neg:
            return None
        if self.obj is not None and self.obj.indefinite_like():
            return 'obj'
        if self.obj is None and self.dat is not None and self.dat.indefinite_like():
            return 'dat'
        return None


# ----- German


def de_verb(cl, person):
    """Return (finite, right-bracket list, separable prefix) for a clause."""
    v = cl.verb
    i = PIDX[person]
    t = cl.tense
    if t in ('pres', 'prog', 'fut'):
        return v.de_pres[i], [], v.prefix
    if t == 'past' and v.pret:
        return v.pret[i], [], ''
    if t in ('past', 'perf'):
        aux = SEIN if v.aux == 'sein' else HABEN
        return aux[i], [v.de_pp], ''
    if t == 'modal':
        return MODALS[cl.modal][1][i], [v.de_inf], ''
    raise ValueError(t)


def de_middle(cl, with_subj, gap=None):
    """Middle field: subject, pronoun objects, time, frequency, dative NP,
    accusative NP, nicht, PP/predicate."""
    items = []
    if with_subj:
        items.append(de_np(cl.subj, 'nom'))
    kt = cl.kein_target()
    if cl.obj is not None and gap != 'obj' and cl.obj.kind == 'pron':
        items.append(de_np(cl.obj, 'acc'))
    if cl.dat is not None and gap != 'dat' and cl.dat.kind == 'pron':
        items.append(de_np(cl.dat, 'dat'))
    if cl.time and cl.front != 'time':
        items.append(cl.time[1])
    if cl.freq and cl.front != 'freq':
        items.append(cl.freq[1])
    if cl.dat is not None and gap != 'dat' and cl.dat.kind != 'pron':
        items.append(de_np(cl.dat, 'dat', kein=(kt == 'dat')))
    # an indefinite object follows a location PP ("liest im Garten ein Buch"),
    # a definite one precedes it ("liest das Buch im Garten")
    pp_early = (cl.pp is not None and cl.pp.kind == 'loc' and gap != 'pp'
                and cl.front != 'pp' and cl.obj is not None and gap != 'obj'
                and cl.obj.kind == 'noun'
                and cl.obj.det in ('indef', 'bare', 'num', 'many', 'kein'))
    if pp_early:
        items.append(cl.pp.de())
    if cl.obj is not None and gap != 'obj' and cl.obj.kind != 'pron':
        items.append(de_np(cl.obj, 'acc', kein=(kt == 'obj')))
    if cl.neg and kt is None:
        items.append('nicht')
    if cl.pobj is not None:
        items.append(cl.pobj.de())
    if cl.pp is not None and gap != 'pp' and cl.front != 'pp' and not pp_early:
        items.append(cl.pp.de())
    if cl.pred is not None and gap != 'pred':
        items.append(cl.pred.de() if isinstance(cl.pred, PP) else cl.pred.pred)
    return items


def de_front_word(cl):
    if cl.front == 'time':
        return cl.time[1]
    if cl.front == 'freq':
        return cl.freq[1]
    if cl.front == 'pp':
        return cl.pp.de()
    return None


def de_v2(cl, prefield=None, person=None, gap=None, subj_in_prefield=None):
    """Verb-second clause.  prefield: string to put first (None -> subject or
    fronted adverbial)."""
    person = person or cl.subj.person
    fin, right, prefix = de_verb(cl, person)
    right = right + ([prefix] if prefix else [])
    if prefield is None:
        fw = de_front_word(cl)
        if fw is None:
            prefield = de_np(cl.subj, 'nom')
            with_subj = False
        else:
            prefield = fw
            with_subj = True
    else:
        with_subj = not subj_in_prefield
    words = [prefield, fin] + de_middle(cl, with_subj, gap) + right
    return ' '.join(words)


def de_v1(cl, gap=None, wh=None, subj_is_wh=False):
    """Verb-first (yes/no question) or wh + verb (wh-question)."""
    person = '3sg' if subj_is_wh else cl.subj.person
    fin, right, prefix = de_verb(cl, person)
    right = right + ([prefix] if prefix else [])
    words = ([wh] if wh else []) + [fin] + de_middle(cl, not subj_is_wh, gap) + right
    return ' '.join(words)


def de_vfinal(cl, intro, with_subj=True, gap=None, person=None):
    """Verb-final clause introduced by a conjunction or relative pronoun."""
    person = person or cl.subj.person
    fin, right, prefix = de_verb(cl, person)
    final = right + [prefix + fin]
    return ' '.join([intro] + de_middle(cl, with_subj, gap) + final)


def de_rel(np):
    cl, role = np.rel
    g = np.noun.g if np.num == 'sg' else 'pl'
    case = {'subj': 'nom', 'obj': 'acc', 'dat': 'dat'}[role]
    rp = REL_PRON[g][CI[case]]
    return de_vfinal(cl, rp, with_subj=(role != 'subj'),
                     gap=None if role == 'subj' else role,
                     person=np.person if role == 'subj' else None)


# ----- English

BE_PRES = {'1sg': 'am', '2sg': 'are', '3sg': 'is', '1pl': 'are', '3pl': 'are'}
BE_PAST = {'1sg': 'was', '2sg': 'were', '3sg': 'was', '1pl': 'were', '3pl': 'were'}


def en_vg(cl, person, question=False):
    """English verb group.  Returns (aux, rest) for questions (aux is fronted)
    or a flat list for declaratives."""
    v = cl.verb
    e = v.en
    t = cl.tense
    s3 = person == '3sg'
    neg = cl.neg
    freq = [cl.freq[0]] if (cl.freq and cl.front != 'freq') else []

    def main(form):
        return [e[form]] + ([v.particle] if v.particle else [])

    if v.frame == 'cop':
        if t == 'pres':
            aux = BE_PRES[person]
        elif t == 'past':
            aux = BE_PAST[person]
        else:  # fut
            aux = 'will'
        tail = ['be'] if t == 'fut' else []
        if question:
            return aux, tail
        return [aux] + (['not'] if neg else []) + freq + tail
    if t == 'pres':
        do = 'does' if s3 else 'do'
        if question:
            return do, main('base')
        if neg:
            return [do, 'not'] + main('base')
        return freq + main('s' if s3 else 'base')
    if t == 'prog':
        if question:
            return BE_PRES[person], main('ing')
        return [BE_PRES[person]] + (['not'] if neg else []) + main('ing')
    if t == 'fut':
        if question:
            return 'will', main('base')
        return ['will'] + (['not'] if neg else []) + main('base')
    if t == 'past':
        if question:
            return 'did', main('base')
        if neg:
            return ['did', 'not'] + main('base')
        return freq + main('past')
    if t == 'perf':
        has = 'has' if s3 else 'have'
        if question:
            return has, main('pp')
        return [has] + (['not'] if neg else []) + freq + main('pp')
    if t == 'modal':
        m = cl.modal
        if m == 'want':
            do = 'does' if s3 else 'do'
            if question:
                return do, ['want', 'to'] + main('base')
            if neg:
                return [do, 'not', 'want', 'to'] + main('base')
            return freq + (['wants', 'to'] if s3 else ['want', 'to']) + main('base')
        if question:
            return m, main('base')
        if neg:
            return ['cannot' if m == 'can' else m + ' not'] + main('base')
        return [m] + main('base')
    raise ValueError(t)


def en_tail(cl, gap=None):
    """Everything after the verb group: objects, PPs, predicate, time."""
    out = []
    if cl.verb.frame == 'ditr':
        if cl.to_form:
            if gap != 'obj':
                out.append(en_np(cl.obj, obj=True))
            out.append('to' if gap == 'dat' else 'to ' + en_np(cl.dat, obj=True))
        else:
            if gap != 'dat':
                out.append(en_np(cl.dat, obj=True))
            if gap != 'obj':
                out.append(en_np(cl.obj, obj=True))
    else:
        if cl.dat is not None and gap != 'dat':
            out.append(en_np(cl.dat, obj=True))
        if cl.obj is not None and gap != 'obj':
            out.append(en_np(cl.obj, obj=True))
    if cl.pobj is not None:
        out.append(cl.pobj.en())
    if cl.pred is not None and gap != 'pred':
        out.append(cl.pred.en() if isinstance(cl.pred, PP) else cl.pred.en)
    if cl.pp is not None and gap != 'pp' and cl.front != 'pp':
        out.append(cl.pp.en())
    if cl.time and cl.front != 'time':
        out.append(cl.time[0])
    return out


def en_front_word(cl):
    if cl.front == 'time':
        return cl.time[0]
    if cl.front == 'freq':
        return cl.freq[0]
    if cl.front == 'pp':
        return cl.pp.en()
    return None


def en_decl(cl, gap=None, subj_str=None, person=None, no_front=False):
    person = person or cl.subj.person
    words = []
    fw = None if no_front else en_front_word(cl)
    if fw:
        words.append(fw)
    words.append(subj_str if subj_str is not None else en_np(cl.subj))
    words += en_vg(cl, person)
    words += en_tail(cl, gap)
    return ' '.join(words)


def en_question(cl, wh=None, gap=None):
    aux, rest = en_vg(cl, cl.subj.person, question=True)
    words = ([wh] if wh else []) + [aux, en_np(cl.subj)] + rest + en_tail(cl, gap)
    return ' '.join(words)


def en_rel(np):
    cl, role = np.rel
    if role == 'subj':
        rp = 'who' if np.noun.tags & {'P'} else 'that'
        return ' '.join([rp] + en_vg(cl, np.person) + en_tail(cl))
    return 'that ' + en_decl(cl, gap=role)


# ---------------------------------------------------------------------------
# Random generation
# ---------------------------------------------------------------------------


def wchoice(rng, items):
    """items: list of (value, weight)."""
    total = sum(w for _, w in items)
    r = rng.random() * total
    for v, w in items:
        r -= w
        if r < 0:
            return v
    return items[-1][0]


def nouns_with(tags, exclude=()):
    return [n for n in NOUNS if n.tags & tags and n.en not in exclude]


def compatible_adjs(noun):
    return [a for a in ADJS if a.tags & noun.tags]


def gen_adjs(rng, noun, p1):
    cands = compatible_adjs(noun)
    if not cands or rng.random() >= p1:
        return []
    a = rng.choice(cands)
    if rng.random() < 0.15:
        pair_cls = (0, 1, 3, 4)
        if a.cls in pair_cls:
            others = [b for b in cands if b.cls in pair_cls and b.cls != a.cls]
            if others:
                b = rng.choice(others)
                return sorted([a, b], key=lambda x: x.cls)
    return [a]


class Ctx:
    """Knobs for one clause."""

    def __init__(self, **kw):
        self.adj_p = 0.3
        self.pron_p = 0.18
        self.name_p = 0.07
        self.allow_pron_obj = True
        self.allow_kein_det = True
        self.exclude = set()
        self.__dict__.update(kw)


def gen_np(rng, tags, role, ctx, force_sg=False, allow_coord=False, noun_filter=None):
    tags = frozenset(tags)
    if 'P' in tags:
        r = rng.random()
        if role == 'subj' and r < ctx.pron_p:
            return NP('pron', pron=rng.choice(PRON_KEYS))
        if role in ('obj', 'pp') and ctx.allow_pron_obj and r < ctx.pron_p * 0.6:
            return NP('pron', pron=rng.choice(PRON_KEYS))
        if r > 1 - ctx.name_p:
            name = rng.choice(NAMES)
            if name not in ctx.exclude:
                return NP('name', name=name)
    if allow_coord and role == 'subj' and rng.random() < 0.06:
        a = gen_np(rng, tags, 'coordpart', ctx, force_sg=True)
        b = gen_np(rng, tags, 'coordpart', ctx, force_sg=True)
        if a.kind in ('noun', 'name') and b.kind in ('noun', 'name') and \
                not set(a.lemma_keys()) & set(b.lemma_keys()):
            return NP('coord', parts=[a, b])
    cands = nouns_with(tags, ctx.exclude)
    if noun_filter:
        cands = [n for n in cands if noun_filter(n)]
    if not cands:
        return None
    n = rng.choice(cands)
    np = NP('noun', noun=n)
    person = 'P' in n.tags
    if n.mass:
        np.num = 'sg'
        opts = [('def', 40), ('bare', 48), ('poss', 7), ('this', 5)]
    elif force_sg or rng.random() < 0.7:
        np.num = 'sg'
        opts = [('def', 50), ('indef', 27), ('poss', 12), ('this', 7)]
        if 'one' in n.tags:       # "a father", "every mother": avoid
            opts = [('def', 50), ('poss', 30), ('this', 3)]
        if role == 'subj' and 'one' not in n.tags:
            opts.append(('every', 4))
    else:
        np.num = 'pl'
        opts = [('def', 40), ('bare', 22), ('num', 20), ('poss', 10), ('this', 5)]
        if role == 'subj':
            opts.append(('many', 4))
    if role == 'obj' and ctx.allow_kein_det:
        opts.append(('kein', 3))
    if role == 'pp':
        opts = [(d, w) for d, w in opts if d in ('def', 'indef', 'poss', 'this', 'bare', 'num')]
    if person and 'rel' not in n.tags:   # "our woman", "his man": avoid
        opts = [(d, w) for d, w in opts if d != 'poss']
    if np.num == 'pl' and 'one' in n.tags:
        np.num = 'sg'
        opts = [('def', 50), ('poss', 30)]
    np.det = wchoice(rng, opts)
    if np.det == 'poss':
        np.poss = rng.choice(POSSESSIVES)
    elif np.det == 'num':
        np.numw = rng.choice(NUMBERS)
    np.adjs = gen_adjs(rng, n, ctx.adj_p)
    return np


def gen_place_np(rng, noun, ctx):
    np = NP('noun', noun=noun, num='sg')
    opts = [('def', 80), ('poss', 8), ('indef', 6), ('this', 6)]
    if 'L' in noun.tags and not noun.tags & {'own', 'room'}:   # "my station": avoid
        opts = [('def', 85), ('indef', 8), ('this', 7)]
    if 'one' in noun.tags:
        opts = [('def', 80), ('poss', 20)]
    elif 'P' in noun.tags and 'rel' not in noun.tags:
        opts = [('def', 80), ('indef', 6), ('this', 6)]
    np.det = wchoice(rng, opts)
    if np.det == 'poss':
        np.poss = rng.choice(POSSESSIVES)
    np.adjs = gen_adjs(rng, noun, ctx.adj_p * 0.6)
    return np


def gen_loc(rng, kinds, ctx, thing=False):
    kinds = list(kinds)
    if not thing:
        kinds = [k for k in kinds if k != 'cont']
    frames = []
    for n in NOUNS:
        if n.en in ctx.exclude:
            continue
        for prep, kind in n.loc:
            if kind in kinds and not (thing and prep == 'at'):
                frames.append((prep, n))
    if 'home' in kinds and (not frames or rng.random() < 0.12):
        return PP('home:loc', kind='loc')
    if not frames:
        return None
    prep, n = rng.choice(frames)
    return PP('loc:' + prep, gen_place_np(rng, n, ctx), kind='loc')


def gen_dir(rng, kinds, ctx, subj_person_np=None):
    kind = rng.choice(list(kinds))
    if kind == 'home':
        return PP('home:dir', kind='dir')
    if kind == 'to_person':
        np = gen_np(rng, {'P'}, 'pp', ctx, force_sg=False)
        if np is None:
            return None
        return PP('dir:zu', np, kind='dir')
    if kind == 'to':
        cands = [n for n in NOUNS if n.to and 'P' not in n.tags and n.en not in ctx.exclude]
        n = rng.choice(cands)
        return PP('dir:' + n.to, gen_place_np(rng, n, ctx), kind='dir')
    cands = [n for n in NOUNS if kind in n.dirs and n.en not in ctx.exclude]
    if not cands:
        return None
    n = rng.choice(cands)
    return PP('dir:' + kind, gen_place_np(rng, n, ctx), kind='dir')


def gen_put(rng, ctx):
    frames = [(p, n) for n in NOUNS if n.en not in ctx.exclude for p in n.put]
    prep, n = rng.choice(frames)
    return PP('put:' + prep, gen_place_np(rng, n, ctx), kind='dir')


def gen_extra_pp(rng, key, tags, ctx):
    np = gen_np(rng, set(tags.split()), 'pp', ctx)
    if np is None:
        return None
    return PP(key, np, kind=key)


def choose_tense(rng, v, tf, allowed=None):
    if v.frame in ('cop', 'have'):
        opts = [('pres', 1)] if tf == 'pres' else [('past', 1)]
    elif tf == 'pres':
        opts = [('pres', 5)]
        if not v.stative:
            opts.append(('prog', 2.2))
        if not v.stative or v.key in ('see', 'find'):   # no "wants to like"
            opts.append(('modal', 1.6))
    else:
        opts = [('past', 3)]
        if not v.no_perf:
            opts.append(('perf', 2))
    if allowed is not None:
        opts = [(t, w) for t, w in opts if t in allowed]
        if not opts:
            return None
    return wchoice(rng, opts)


def gen_clause(rng, tf, ctx, *, verb_filter=None, subj=None, subj_role_np=None,
               force_role=None, force_np=None, allow_time=0.0, allow_front=0.0,
               allow_freq=0.0, allow_neg=0.0, allow_pp=True, question=False,
               no_modal=False, inverted=False, pp_front=0.0, tense_set=None):
    """Generate one clause.
    force_role/force_np: put a given NP into 'subj', 'obj' or 'dat' (relative
    clauses); the verb is chosen to accept it."""
    for _ in range(200):
        v = wchoice(rng, [(x, x.weight) for x in VERBS])
        if verb_filter and not verb_filter(v):
            continue
        if force_role == 'subj' and not force_np.has_tag(v.subj):
            continue
        if force_role == 'obj' and (v.frame not in ('acc', 'have') or not force_np.has_tag(v.obj)):
            continue
        if force_role == 'dat' and (v.frame != 'dat' or not force_np.has_tag(v.dat)):
            continue
        if subj is not None and not subj.has_tag(v.subj):
            continue
        cl = Clause(verb=v)
        # --- tense and adverbs
        tense = choose_tense(rng, v, tf, tense_set)
        if tense is None:
            continue
        if no_modal and tense == 'modal':
            continue
        if tense == 'modal':
            cl.modal = wchoice(rng, [('can', 0.45), ('want', 0.35), ('must', 0.2)])
            if question and cl.modal == 'must':
                cl.modal = 'can'
        if allow_time and rng.random() < allow_time:
            cand = [t for t in TIMES if tense in t[2] or (tf == 'pres' and 'fut' in t[2])]
            if cand:
                t = rng.choice(cand)
                if tense not in t[2]:
                    tense = 'fut'
                    cl.modal = None
                cl.time = t
                if rng.random() < allow_front:
                    cl.front = 'time'
        elif allow_freq and rng.random() < allow_freq and tense in ('pres', 'past', 'perf') \
                and (not v.stative or v.frame in ('cop', 'have')):
            cand = [f for f in FREQS if tense in f[2]]
            if cand:
                cl.freq = rng.choice(cand)
                if cl.freq[3] and rng.random() < allow_front * 0.6:
                    cl.front = 'freq'
        cl.tense = tense
        inv = inverted or cl.front is not None
        # --- subject
        exclude = set()
        if force_role == 'subj':
            cl.subj = force_np
        elif subj is not None:
            cl.subj = subj
        else:
            tags = set(v.subj)
            cl.subj = gen_np(rng, tags, 'subj', ctx, allow_coord=not question)
            if cl.subj is None:
                continue
        # English past == base ("read", "put") is ambiguous for I/you/we/they
        if tense == 'past' and not v.pret and v.en['past'] == v.en['base'] \
                and cl.subj.person != '3sg':
            if v.no_perf:
                continue
            cl.tense = tense = 'perf'
        exclude.update(cl.subj.lemma_keys())
        octx = Ctx(**ctx.__dict__)
        octx.exclude = set(ctx.exclude) | exclude
        if inv and cl.subj.kind != 'pron':
            octx.allow_pron_obj = False
        if v.no_pron_obj:
            octx.allow_pron_obj = False
        # --- objects
        f = v.frame
        if f in ('acc', 'have', 'put', 'ditr'):
            if force_role == 'obj':
                cl.obj = force_np
            else:
                otags = set(v.obj)
                role = 'obj'
                if f == 'ditr':
                    octx2 = Ctx(**octx.__dict__)
                    octx2.allow_pron_obj = False   # only dative pronouns in ditransitives
                    cl.obj = gen_np(rng, otags, role, octx2)
                else:
                    cl.obj = gen_np(rng, otags, role, octx)
                if cl.obj is None:
                    continue
            octx.exclude |= set(cl.obj.lemma_keys())
        if f in ('dat', 'ditr'):
            if force_role == 'dat':
                cl.dat = force_np
            else:
                cl.dat = gen_np(rng, set(v.dat), 'obj', octx)
                if cl.dat is None:
                    continue
                if cl.dat.kind == 'noun' and cl.dat.det == 'kein':
                    cl.dat.det = 'def'
            octx.exclude |= set(cl.dat.lemma_keys())
        if f == 'ditr':
            if not v.dbl:
                cl.to_form = True
            elif rng.random() < 0.35:
                cl.to_form = True
            # German order dat-NP acc-NP is unmarked unless dat indefinite + acc definite
            if cl.dat.indefinite_like() and not cl.obj.indefinite_like():
                continue
        # pronoun object must not be the subject itself (I see me)
        sp = cl.subj.person if cl.subj.kind == 'pron' else None
        bad = False
        for o in (cl.obj, cl.dat):
            if o is not None and o.kind == 'pron' and sp and PRONOUNS[o.pron][5] == sp:
                bad = True
        if bad:
            continue
        # --- copula predicate
        if f == 'cop':
            subj_np = cl.subj
            loc_p = 0.3 if not subj_np.kind == 'noun' or subj_np.noun.tags & {'P', 'A', 'port'} else 0.0
            if subj_np.kind == 'noun' and subj_np.noun.tags & {'L'}:
                loc_p = 0.0
            if rng.random() < loc_p:
                thing = subj_np.kind == 'noun' and 'port' in subj_np.noun.tags
                kinds = ('furn', 'cont', 'veh', 'area') if thing else ('area', 'home', 'furn', 'veh')
                cl.pred = gen_loc(rng, kinds, octx, thing=thing)
                if cl.pred is None:
                    continue
                octx.exclude |= set(cl.pred.lemma_keys())
            else:
                if subj_np.kind == 'noun':
                    cands = compatible_adjs(subj_np.noun)
                elif subj_np.kind == 'coord':
                    cands = [a for a in ADJS if all(a.tags & p.noun.tags if p.kind == 'noun'
                                                    else 'P' in a.tags for p in subj_np.parts)]
                else:
                    cands = [a for a in ADJS if 'P' in a.tags]
                used = set(a.cls for a in subj_np.adjs)
                if subj_np.kind == 'coord':
                    used = set(a.cls for p in subj_np.parts if p.kind == 'noun' for a in p.adjs)
                cands = [a for a in cands if a.cls not in used]
                if not cands:
                    continue
                cl.pred = rng.choice(cands)
        # --- PPs
        if allow_pp and f != 'cop':
            for kind, (prob, spec) in sorted(v.pps.items()):
                if cl.pp is not None or cl.pobj is not None:
                    break
                if f == 'put' or rng.random() >= prob:
                    continue
                if kind == 'loc':
                    thing = cl.subj.kind == 'noun' and 'port' in cl.subj.noun.tags
                    if f in ('acc',) and cl.obj is not None and cl.obj.kind == 'noun' \
                            and 'port' in cl.obj.noun.tags:
                        thing = True
                    cl.pp = gen_loc(rng, spec, octx, thing=thing)
                elif kind == 'dir':
                    cl.pp = gen_dir(rng, spec, octx)
                elif kind == 'pobj':
                    np = gen_np(rng, set(spec.split()), 'pp', octx)
                    cl.pobj = PP('pobj', np, kind='pobj') if np else None
                elif kind == 'from_place':
                    cands = [n for n in NOUNS if n.frm and n.en not in octx.exclude]
                    cl.pp = PP('from', gen_place_np(rng, rng.choice(cands), octx), kind='from')
                else:
                    cl.pp = gen_extra_pp(rng, kind, spec, octx)
            if f == 'put':
                cl.pp = gen_put(rng, octx)
            # required PPs
            req = {'go', 'drive', 'fly', 'jump', 'sit', 'lie'}
            if v.key in req and cl.pp is None:
                if 'dir' in v.pps:
                    cl.pp = gen_dir(rng, v.pps['dir'][1], octx)
                else:
                    thing = cl.subj.kind == 'noun' and 'port' in cl.subj.noun.tags
                    cl.pp = gen_loc(rng, v.pps['loc'][1], octx, thing=thing)
                if cl.pp is None:
                    continue
            if cl.pp is not None and cl.pp.kind == 'loc' and pp_front and cl.front is None \
                    and rng.random() < pp_front and cl.pp.key != 'home:loc':
                cl.front = 'pp'
                if cl.subj.kind != 'pron' and any(o is not None and o.kind == 'pron'
                                                  for o in (cl.obj, cl.dat)):
                    cl.front = None
        elif f != 'cop' and v.key in {'go', 'drive', 'fly', 'jump', 'sit', 'lie', 'put'}:
            continue
        # no duplicated lemma between subject, objects and PPs
        keys = []
        for x in (cl.subj, cl.obj, cl.dat):
            if x is not None:
                keys += x.lemma_keys()
        for x in (cl.pp, cl.pobj):
            if x is not None:
                keys += x.lemma_keys()
        if isinstance(cl.pred, PP):
            keys += cl.pred.lemma_keys()
        if sp and any(x is not None and x.np is not None and x.np.kind == 'pron'
                      and PRONOUNS[x.np.pron][5] == sp for x in (cl.pp, cl.pobj)):
            continue
        keys = [k for k in keys if not k.startswith('pron:')]
        if len(keys) != len(set(keys)):
            continue
        # --- negation
        if allow_neg and rng.random() < allow_neg and cl.freq is None:
            if cl.modal == 'must':
                pass
            elif cl.subj.kind == 'noun' and cl.subj.det in ('every', 'many', 'num', 'kein'):
                pass
            elif cl.pp is not None:
                pass
            elif cl.front == 'pp':
                pass
            else:
                ok = True
                for o in (cl.obj, cl.dat):
                    if o is None:
                        continue
                    if o.kind == 'noun' and o.det in ('num', 'many', 'kein', 'every'):
                        ok = False
                if cl.obj is not None and cl.dat is not None and not cl.dat.definite_like():
                    ok = False
                if ok:
                    cl.neg = True
        return cl
    raise RuntimeError('could not generate clause')


# ---------------------------------------------------------------------------
# Sentence templates
# ---------------------------------------------------------------------------


def cap(s):
    return s[0].upper() + s[1:]


def finish(s, end):
    s = s.replace(',,', ',').replace(', ,', ',')
    s = s.rstrip(',') + end
    s = s.replace(',' + end, end)
    return cap(s)


def pick_tf(rng):
    return 'pres' if rng.random() < 0.62 else 'past'


def sent_simple(rng, ctx):
    tf = pick_tf(rng)
    cl = gen_clause(rng, tf, ctx, allow_time=0.25, allow_front=0.55, allow_freq=0.12,
                    allow_neg=0.15, pp_front=0.08)
    return en_decl(cl) + '.', de_v2(cl) + '.'


def sent_yn(rng, ctx):
    tf = pick_tf(rng)
    ctx = Ctx(**ctx.__dict__)
    ctx.allow_kein_det = False
    cl = gen_clause(rng, tf, ctx, allow_time=0.15, question=True, inverted=True)
    if cl.subj.kind == 'pron' and cl.subj.pron == 'I':
        return None
    return en_question(cl) + '?', de_v1(cl) + '?'


def sent_wh(rng, ctx):
    tf = pick_tf(rng)
    ctx = Ctx(**ctx.__dict__)
    ctx.allow_kein_det = False
    kind = wchoice(rng, [('who_subj', 3), ('what_obj', 3), ('who_obj', 2), ('who_dat', 2),
                         ('where', 3), ('why', 2), ('when', 1)])
    if kind == 'who_subj':
        who = NP('wh')
        cl = gen_clause(rng, tf, ctx, subj=who, inverted=True,
                        verb_filter=lambda v: 'P' in v.subj)
        cl.subj = who
        en = ' '.join(['who'] + en_vg(cl, '3sg') + en_tail(cl))
        de = de_v1(cl, wh='wer', subj_is_wh=True)
        return en + '?', de + '?'
    if kind in ('what_obj', 'who_obj'):
        want_p = kind == 'who_obj'

        def vf(v):
            if v.frame not in ('acc', 'have', 'ditr'):
                return False
            return ('P' in v.obj) if want_p else bool(v.obj - {'P', 'A'})

        cl = gen_clause(rng, tf, ctx, verb_filter=vf, question=True, inverted=True)
        if want_p:
            if not (cl.obj.kind in ('pron', 'name') or 'P' in cl.obj.noun.tags):
                return None
        else:
            if cl.obj.kind != 'noun' or cl.obj.noun.tags & {'P', 'A'}:
                return None
        if cl.verb.frame == 'ditr' and cl.to_form:
            return None
        if cl.subj.kind == 'pron' and cl.subj.pron == 'I':
            return None
        if cl.verb.particle == 'at' and cl.pp is not None:   # "look at at the lake"
            cl.pp = None
        en = en_question(cl, wh='who' if want_p else 'what', gap='obj')
        de = de_v1(cl, gap='obj', wh='wen' if want_p else 'was')
        return en + '?', de + '?'
    if kind == 'who_dat':
        cl = gen_clause(rng, tf, ctx, verb_filter=lambda v: v.frame in ('dat', 'ditr'),
                        question=True, inverted=True)
        if cl.verb.frame == 'ditr':
            cl.to_form = True
        if cl.subj.kind == 'pron' and cl.subj.pron == 'I':
            return None
        en = en_question(cl, wh='who', gap='dat')
        de = de_v1(cl, gap='dat', wh='wem')
        return en + '?', de + '?'
    if kind == 'where':
        cl = gen_clause(rng, tf, ctx, verb_filter=lambda v: v.where is not None,
                        question=True, inverted=True)
        if cl.subj.kind == 'pron' and cl.subj.pron == 'I':
            return None
        if cl.verb.frame == 'cop':
            if not isinstance(cl.pred, PP):
                return None
            en = en_question(cl, wh='where', gap='pred')
            de = de_v1(cl, gap='pred', wh='wo')
            return en + '?', de + '?'
        if cl.pp is None or cl.pp.kind != ('dir' if cl.verb.where == 'wohin' else 'loc'):
            return None
        en = en_question(cl, wh='where', gap='pp')
        de = de_v1(cl, gap='pp', wh=cl.verb.where)
        return en + '?', de + '?'
    # why / when
    cl = gen_clause(rng, tf, ctx, question=True, inverted=True,
                    verb_filter=lambda v: kind == 'why' or v.frame != 'cop')
    if cl.subj.kind == 'pron' and cl.subj.pron == 'I':
        return None
    wh_en, wh_de = ('why', 'warum') if kind == 'why' else ('when', 'wann')
    return en_question(cl, wh=wh_en) + '?', de_v1(cl, wh=wh_de) + '?'


SUBCONJ = [('because', 'weil', 'both', 5), ('although', 'obwohl', 'both', 2),
           ('when', 'wenn', 'pres', 1.5), ('if', 'wenn', 'pres', 1.5),
           ('while', 'während', 'pres', 1)]


def sent_sub(rng, ctx):
    en_c, de_c, tfs, _ = wchoice(rng, [(c, c[3]) for c in SUBCONJ])
    tf = 'pres' if tfs == 'pres' else pick_tf(rng)
    sub_first = rng.random() < (0.55 if en_c in ('if', 'when') else 0.3)
    sctx = Ctx(**ctx.__dict__)
    sctx.adj_p = 0.15
    if sub_first:
        main = gen_clause(rng, tf, sctx, allow_neg=0.12, inverted=True)
    else:
        main = gen_clause(rng, tf, sctx, allow_neg=0.12, allow_time=0.15, allow_front=1.0)
    sub_tf = tf
    tense_set = None
    if tf == 'pres' and en_c in ('because', 'although') and rng.random() < 0.25:
        sub_tf = 'past'
        tense_set = {'perf'}
    sctx.exclude = set(main.subj.lemma_keys())
    sub = gen_clause(rng, sub_tf, sctx, allow_neg=0.15, tense_set=tense_set)
    if tfs == 'pres' and sub.tense == 'modal' and sub.modal == 'must':
        return None
    if sub_first:
        en = cap(en_c) + ' ' + en_decl(sub) + ', ' + en_decl(main)
        de = de_vfinal(sub, cap(de_c))
        de = de_v2(main, prefield=de + ',', subj_in_prefield=False)
    else:
        en = en_decl(main) + ' ' + en_c + ' ' + en_decl(sub)
        de = de_v2(main) + ', ' + de_vfinal(sub, de_c)
    return en + '.', de + '.'


def sent_dass(rng, ctx):
    sv = rng.choice(SAY_VERBS)
    sctx = Ctx(**ctx.__dict__)
    sctx.adj_p = 0.15
    subj = gen_np(rng, {'P'}, 'subj', Ctx(pron_p=0.45, name_p=0.1, adj_p=0.15))
    m = Clause(verb=sv, tense='pres', subj=subj)
    if sv.key in ('knowthat', 'think') and rng.random() < 0.12:
        m.neg = True
    sctx.exclude = set(subj.lemma_keys())
    emb = gen_clause(rng, pick_tf(rng), sctx, allow_neg=0.12, allow_time=0.12,
                     allow_freq=0.08)
    en = en_decl(m) + ' that ' + en_decl(emb)
    fin, _, _ = de_verb(m, subj.person)
    de = ' '.join([de_np(subj, 'nom'), fin] + (['nicht'] if m.neg else [])) + \
        ', ' + de_vfinal(emb, 'dass')
    return en + '.', de + '.'


def sent_coord(rng, ctx):
    tf = pick_tf(rng)
    sctx = Ctx(**ctx.__dict__)
    sctx.adj_p = 0.15
    c1 = gen_clause(rng, tf, sctx, allow_neg=0.1)
    sctx.exclude = set(c1.subj.lemma_keys())
    but = rng.random() < 0.35
    c2 = gen_clause(rng, tf, sctx, allow_neg=0.35 if but else 0.1)
    if but:
        return en_decl(c1) + ', but ' + en_decl(c2) + '.', de_v2(c1) + ', aber ' + de_v2(c2) + '.'
    return en_decl(c1) + ' and ' + en_decl(c2) + '.', de_v2(c1) + ' und ' + de_v2(c2) + '.'


def attach_rel(rng, np, ctx, tf):
    role = wchoice(rng, [('subj', 5), ('obj', 4), ('dat', 1.2)])
    rctx = Ctx(**ctx.__dict__)
    rctx.adj_p = 0.12
    rctx.exclude = set(ctx.exclude) | set(np.lemma_keys())
    rctx.allow_kein_det = False
    try:
        rc = gen_clause(rng, tf, rctx, force_role=role, force_np=np, allow_neg=0.08,
                        verb_filter=lambda v: v.frame != 'ditr')
    except RuntimeError:
        return False
    np.rel = (rc, role)
    return True


def sent_rel(rng, ctx):
    tf = pick_tf(rng)
    sctx = Ctx(**ctx.__dict__)
    sctx.adj_p = 0.15
    sctx.pron_p = 0.0
    sctx.name_p = 0.0
    if rng.random() < 0.55:
        # relative clause on the subject
        main = gen_clause(rng, tf, sctx, allow_neg=0.1)
        s = main.subj
        if s.kind != 'noun' or s.det not in ('def', 'indef', 'this', 'poss'):
            return None
        if not attach_rel(rng, s, sctx, pick_tf(rng)):
            return None
        s_keys = set(s.rel[0].subj.lemma_keys()) | set(lemma for x in (s.rel[0].obj, s.rel[0].dat)
                                                     if x is not None for lemma in x.lemma_keys())
        other = set()
        for x in (main.obj, main.dat, main.pp, main.pobj):
            if x is not None:
                other |= set(x.lemma_keys())
        if s_keys & other:
            return None
        return en_decl(main) + '.', finish(de_v2(main), '.')
    # relative clause on a sentence-final object
    octx = Ctx(**sctx.__dict__)
    octx.pron_p = 0.15
    main = gen_clause(rng, tf if rng.random() < 0.6 else 'pres', octx,
                      verb_filter=lambda v: v.frame in ('acc', 'have') and not v.prefix,
                      allow_pp=False, tense_set={'pres', 'prog', 'past'})
    if main.tense not in ('pres', 'prog') or main.neg or main.time or main.freq:
        return None
    o = main.obj
    if o.kind != 'noun' or o.det not in ('def', 'indef', 'this', 'poss', 'bare'):
        return None
    ex = Ctx(**octx.__dict__)
    ex.exclude = set(main.subj.lemma_keys())
    if not attach_rel(rng, o, ex, 'pres' if rng.random() < 0.6 else 'past'):
        return None
    return en_decl(main) + '.', finish(de_v2(main), '.')


TEMPLATES = [(sent_simple, 44), (sent_yn, 8), (sent_wh, 9), (sent_sub, 14),
             (sent_dass, 8), (sent_coord, 7), (sent_rel, 9)]


def gen_pair(rng):
    ctx = Ctx()
    while True:
        fn = wchoice(rng, TEMPLATES)
        r = fn(rng, ctx)
        if r is None:
            continue
        en, de = r
        end = en[-1]
        en = finish(en[:-1], end)
        de = finish(de[:-1], end)
        n = len(en.split())
        if 4 <= n <= 25:
            return en, de


# ---------------------------------------------------------------------------
# Hand-checked examples (--check)
# ---------------------------------------------------------------------------


def _np(det, noun, *adjs, num='sg', poss=None, numw=None):
    return NP('noun', noun=NOUN[noun], det=det, adjs=[ADJ[a] for a in adjs], num=num,
              poss=poss, numw=numw)


def _pron(key):
    return NP('pron', pron=key)


def check_examples():
    ex = []
    c = Clause(verb=VERB['see'], subj=_np('def', 'dog', 'small'), obj=_np('def', 'man', 'old'))
    ex.append((en_decl(c), de_v2(c), 'The small dog sees the old man',
               'Der kleine Hund sieht den alten Mann'))
    c = Clause(verb=VERB['read'], subj=_np('def', 'woman'), obj=_np('indef', 'book'),
               time=TIMES[0], front='time')
    ex.append((en_decl(c), de_v2(c), 'Today the woman reads a book',
               'Heute liest die Frau ein Buch'))
    m = Clause(verb=VERB['sleep'], subj=_np('def', 'child'))
    s = Clause(verb=VERB['see'], subj=_np('def', 'man'), obj=_np('def', 'dog'))
    ex.append((en_decl(m) + ' because ' + en_decl(s), de_v2(m) + ', ' + de_vfinal(s, 'weil'),
               'The child sleeps because the man sees the dog',
               'Das Kind schläft, weil der Mann den Hund sieht'))
    c = Clause(verb=VERB['give'], subj=_np('def', 'woman'), dat=_np('def', 'child'),
               obj=_np('indef', 'apple', 'red'))
    ex.append((en_decl(c), de_v2(c), 'The woman gives the child a red apple',
               'Die Frau gibt dem Kind einen roten Apfel'))
    c = Clause(verb=VERB['help'], tense='perf', subj=_np('def', 'teacher'),
               dat=_np('def', 'student', num='pl'))
    ex.append((en_decl(c), de_v2(c), 'The teacher has helped the students',
               'Der Lehrer hat den Studenten geholfen'))
    c = Clause(verb=VERB['call'], tense='past', subj=NP('name', name='Anna'),
               obj=_np('def', 'neighbor'))
    ex.append((en_decl(c), de_v2(c), 'Anna called the neighbor',
               'Anna hat den Nachbarn angerufen'))
    c = Clause(verb=VERB['put'], subj=_np('def', 'man'), obj=_np('def', 'key'),
               pp=PP('put:on', _np('def', 'table')))
    ex.append((en_decl(c), de_v2(c), 'The man puts the key on the table',
               'Der Mann legt den Schlüssel auf den Tisch'))
    c = Clause(verb=VERB['sleep'], tense='prog', subj=_np('def', 'cat'),
               pp=PP('loc:on', _np('def', 'sofa')))
    ex.append((en_decl(c), de_v2(c), 'The cat is sleeping on the sofa',
               'Die Katze schläft auf dem Sofa'))
    s = Clause(verb=VERB['be'], subj=_np('def', 'girl'), pred=ADJ['tired'])
    m = Clause(verb=VERB['go'], subj=_pron('she'), neg=True,
               pp=PP('dir:zu', _np('def', 'school')))
    ex.append(('Because ' + en_decl(s) + ', ' + en_decl(m),
               de_v2(m, prefield=de_vfinal(s, 'Weil') + ',', subj_in_prefield=False),
               'Because the girl is tired, she does not go to the school',
               'Weil das Mädchen müde ist, geht sie nicht zur Schule'))
    e = Clause(verb=VERB['forget'], tense='perf', subj=_pron('you'), obj=_np('def', 'key'))
    m = Clause(verb=SAY['think'], subj=_pron('I'))
    ex.append((en_decl(m) + ' that ' + en_decl(e),
               de_np(m.subj, 'nom') + ' denke, ' + de_vfinal(e, 'dass'),
               'I think that you have forgotten the key',
               'ich denke, dass du den Schlüssel vergessen hast'))
    dog = _np('def', 'dog')
    rc = Clause(verb=VERB['see'], subj=_np('def', 'child', num='pl'), obj=dog)
    dog.rel = (rc, 'obj')
    c = Clause(verb=VERB['be'], subj=dog, pred=ADJ['black'])
    ex.append((en_decl(c) + '.', finish(de_v2(c), '.'),
               'The dog that the children see is black.',
               'Der Hund, den die Kinder sehen, ist schwarz.'))
    c = Clause(verb=VERB['help'], subj=_np('def', 'woman'), dat=None)
    ex.append((en_question(c, wh='who', gap='dat'), de_v1(c, gap='dat', wh='wem'),
               'who does the woman help', 'wem hilft die Frau'))
    c = Clause(verb=VERB['drink'], subj=_np('def', 'man'), obj=_np('bare', 'water', 'cold'))
    ex.append((en_question(c), de_v1(c), 'does the man drink cold water',
               'trinkt der Mann kaltes Wasser'))
    c = Clause(verb=VERB['have'], subj=_pron('we'), obj=_np('indef', 'car'), neg=True)
    ex.append((en_decl(c), de_v2(c), 'we do not have a car', 'wir haben kein Auto'))
    # a few more agreement checks
    c = Clause(verb=VERB['play'], subj=_np('num', 'child', 'small', num='pl',
                                           numw=NUMBERS[1]),
               pp=PP('with', _np('poss', 'dog', 'black', num='pl', poss=POSSESSIVES[4])))
    ex.append((en_decl(c), de_v2(c), 'three small children play with our black dogs',
               'drei kleine Kinder spielen mit unseren schwarzen Hunden'))
    c = Clause(verb=VERB['go'], tense='perf', subj=_np('indef', 'boy', 'young'),
               pp=PP('dir:in', _np('def', 'room')))
    ex.append((en_decl(c), de_v2(c), 'a young boy has gone to the room',
               'ein junger Junge ist ins Zimmer gegangen'))
    c = Clause(verb=VERB['wait'], tense='modal', modal='want', subj=_pron('you'),
               pobj=PP('pobj', _np('def', 'bus')), neg=True)
    ex.append((en_decl(c), de_v2(c), 'you do not want to wait for the bus',
               'du willst nicht auf den Bus warten'))
    c = Clause(verb=VERB['watch'], tense='pres',
               subj=_np('indef', 'girl', 'happy'), obj=_np('indef', 'picture', 'beautiful'),
               time=TIMES[4], front='time')
    ex.append((en_decl(c), de_v2(c), 'in the evening a happy girl looks at a beautiful picture',
               'am Abend schaut ein glückliches Mädchen ein schönes Bild an'))
    c = Clause(verb=VERB['buy'], tense='past', subj=_np('poss', 'mother', 'sad',
                                                        poss=POSSESSIVES[2]),
               obj=_np('indef', 'apple'), pp=PP('loc:in', _np('def', 'supermarket'), kind='loc'))
    ex.append((en_decl(c), de_v2(c), 'his sad mother bought an apple in the supermarket',
               'seine traurige Mutter hat im Supermarkt einen Apfel gekauft'))
    c = Clause(verb=VERB['read'], subj=_np('def', 'man'), obj=_np('def', 'newspaper'),
               pp=PP('loc:on-in', _np('def', 'bus'), kind='loc'))
    ex.append((en_decl(c), de_v2(c), 'the man reads the newspaper on the bus',
               'der Mann liest die Zeitung im Bus'))
    bad = 0
    for en, de, en_exp, de_exp in ex:
        if en.lower() != en_exp.lower() or de.lower() != de_exp.lower():
            bad += 1
            print('CHECK FAILED:\n  %s\n  %s\n  expected:\n  %s\n  %s'
                  % (en, de, en_exp, de_exp), file=sys.stderr)
    return bad == 0, len(ex)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(os.path.dirname(here)))
    default_out = os.path.join(root, 'data', 'default')
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seed', type=int, default=20240601)
    ap.add_argument('--out', default=default_out)
    ap.add_argument('--train', type=int, default=20000)
    ap.add_argument('--valid', type=int, default=500)
    ap.add_argument('--test', type=int, default=500)
    ap.add_argument('--samples', type=int, default=10, help='sample pairs to print')
    ap.add_argument('--check', action='store_true', help='only run the hand-checked examples')
    args = ap.parse_args()

    ok, n = check_examples()
    if not ok:
        sys.exit('hand-checked examples failed')
    if args.check:
        print('%d hand-checked examples OK' % n)
        return

    rng = random.Random(args.seed)
    total = args.train + args.valid + args.test
    pairs, seen_en, seen_de = [], set(), set()
    while len(pairs) < total:
        en, de = gen_pair(rng)
        if en in seen_en or de in seen_de:
            continue
        seen_en.add(en)
        seen_de.add(de)
        pairs.append((en, de))
    rng.shuffle(pairs)
    splits = [('valid', pairs[:args.valid]),
              ('test', pairs[args.valid:args.valid + args.test]),
              ('train', pairs[args.valid + args.test:])]
    os.makedirs(args.out, exist_ok=True)
    for name, ps in splits:
        for lang, idx in (('en', 0), ('de', 1)):
            with open(os.path.join(args.out, '%s.%s' % (name, lang)), 'w',
                      encoding='utf-8', newline='\n') as f:
                for p in ps:
                    f.write(p[idx] + '\n')
    # report
    train_en = set(p[0] for p in splits[2][1])
    train_de = set(p[1] for p in splits[2][1])
    for name, ps in splits[:2]:
        assert not any(p[0] in train_en or p[1] in train_de for p in ps), name
    for name, ps in splits:
        lens = [len(p[0].split()) for p in ps]
        print('%-5s %6d pairs  (en words/sentence: mean %.1f, max %d)'
              % (name, len(ps), sum(lens) / len(lens), max(lens)))
    print('wrote %s' % args.out)
    for en, de in splits[1][1][:args.samples]:
        print('  EN: %s\n  DE: %s' % (en, de))


if __name__ == '__main__':
    main()
