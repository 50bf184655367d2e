"""Word lists the rules rely on: speech cues, titles, pronouns and words that are not names.

They are plain frozensets so a lookup costs one hash; everything is lower-case.
"""

from __future__ import annotations


def _forms(*stems: str) -> frozenset[str]:
    """Expand ``"say:says:said:saying"`` style entries into one set of word forms."""
    out: set[str] = set()
    for stem in stems:
        out.update(w for w in stem.split(":") if w)
    return frozenset(out)


#: Verbs that introduce speech or writing: they attribute direct, partial and indirect quotes.
SPEECH_VERBS = _forms(
    "say:says:said:saying",
    "tell:tells:told:telling",
    "add:adds:added:adding",
    "state:states:stated:stating",
    "explain:explains:explained:explaining",
    "note:notes:noted:noting",
    "argue:argues:argued:arguing",
    "warn:warns:warned:warning",
    "write:writes:wrote:written:writing",
    "ask:asks:asked:asking",
    "reply:replies:replied:replying",
    "insist:insists:insisted:insisting",
    "claim:claims:claimed:claiming",
    "declare:declares:declared:declaring",
    "announce:announces:announced:announcing",
    "suggest:suggests:suggested:suggesting",
    "describe:describes:described:describing",
    "call:calls:called:calling",
    "continue:continues:continued:continuing",
    "recall:recalls:recalled:recalling",
    "acknowledge:acknowledges:acknowledged:acknowledging",
    "admit:admits:admitted:admitting",
    "emphasize:emphasizes:emphasized:emphasizing:emphasise:emphasised",
    "stress:stresses:stressed:stressing",
    "urge:urges:urged:urging",
    "tweet:tweets:tweeted:tweeting",
    "post:posted",
    "quip:quips:quipped",
    "joke:jokes:joked",
    "concede:concedes:conceded",
    "predict:predicts:predicted",
    "promise:promises:promised",
    "vow:vows:vowed",
    "complain:complains:complained",
    "counter:counters:countered",
    "respond:responds:responded",
    "conclude:concludes:concluded",
    "remark:remarks:remarked",
    "observe:observes:observed",
    "assert:asserts:asserted",
    "allege:alleges:alleged",
    "contend:contends:contended",
    "maintain:maintains:maintained",
    "shout:shouts:shouted",
    "yell:yells:yelled",
    "chant:chants:chanted",
    "testify:testifies:testified",
    "confirm:confirms:confirmed",
    "boast:boasts:boasted",
    "brag:brags:bragged",
    "lament:laments:lamented",
    "muse:mused",
    "exclaim:exclaimed",
    "proclaim:proclaims:proclaimed",
    "reiterate:reiterates:reiterated",
    "repeat:repeats:repeated",
    "remind:reminds:reminded",
    "demand:demands:demanded",
    "plead:pleads:pleaded",
    "caution:cautions:cautioned",
    "charge:charged",
    "report:reports:reported",
    "estimate:estimates:estimated",
    "dub:dubs:dubbed",
    "label:labels:labeled:labelled",
    "brand:branded",
    "term:termed",
    "characterize:characterizes:characterized",
    "reveal:reveals:revealed",
    "agree:agrees:agreed",
    "pledge:pledges:pledged",
    "thank:thanked",
    "accuse:accuses:accused",
    "criticize:criticizes:criticized",
    "blast:blasts:blasted",
    "slam:slams:slammed",
    "mock:mocks:mocked",
    "praise:praises:praised",
    "announce",
    "told",
    "speak:speaks:spoke:speaking",
    "read:reads",
    "put:puts",
    "sing:sang:sings",
    "whisper:whispered",
    "recount:recounted",
    "opine:opined",
    "indicate:indicates:indicated",
    "insist",
    "conclude",
    "retort:retorted",
    "answer:answers:answered",
    "defend:defends:defended:defending",
    "cite:cites:cited:citing",
    "declare:declaring",
    "interject:interjected",
    "snap:snapped",
    "fire:fired",
    "chime:chimed",
    "scoff:scoffed",
    "sigh:sighed",
    "laugh:laughed",
    "press:pressed",
    "inquire:inquired",
    "query:queried",
    "explain",
    "hit:hits",
    "vow",
    "warn",
    "suggest",
    "caution",
    "acknowledge",
    "fume:fumes:fumed",
    "snipe:sniped",
    "gush:gushed",
    "rave:raved",
    "marvel:marveled:marvelled",
    "grumble:grumbled",
    "scold:scolded",
    "taunt:taunted",
    "tease:teased",
    "chide:chided",
    "surmise:surmised",
    "add",
    "emailed",
    "texted",
    "concur:concurred",
)

#: Speech verbs too vague to introduce reported (indirect) speech on their own.
WEAK_CUES = _forms(
    "call:calls:called:calling",
    "describe:describes:described:describing",
    "dub:dubs:dubbed",
    "label:labels:labeled:labelled",
    "brand:branded",
    "term:termed",
    "characterize:characterizes:characterized",
    "put:puts",
    "read:reads",
    "post:posted",
    "mock:mocks:mocked",
    "praise:praises:praised",
    "blast:blasts:blasted",
    "slam:slams:slammed",
    "criticize:criticizes:criticized",
    "accuse:accuses:accused",
    "thank:thanked",
    "sing:sang:sings",
    "speak:speaks:spoke:speaking",
    "continue:continues:continued:continuing",
    "agree:agrees:agreed",
    "charge:charged",
    "repeat:repeats:repeated",
    "ask:asks:asked:asking",
    "demand:demands:demanded",
    "urge:urges:urged:urging",
    "thank:thanked",
    "report:reports:reported",
    "answer:answers:answered",
    "defend:defends:defended:defending",
    "cite:cites:cited:citing",
    "fire:fired",
    "chime:chimed",
    "laugh:laughed",
    "sigh:sighed",
    "press:pressed",
    "hit:hits",
    "snap:snapped",
)

#: Verbs of thought and belief: PolNeAR counts them as attributions (indirect only).
COGNITION_VERBS = _forms(
    "believe:believes:believed",
    "think:thinks:thought",
    "feel:feels:felt",
    "hope:hopes:hoped",
    "fear:fears:feared",
    "worry:worries:worried",
    "expect:expects:expected",
    "know:knows:knew",
    "want:wants:wanted",
    "show:shows:showed:shown",
    "find:finds:found",
    "believe",
    "understand:understands:understood",
    "doubt:doubts:doubted",
    "wonder:wonders:wondered",
    "argue",
    "hint:hints:hinted",
    "signal:signals:signaled:signalled",
)

#: Verbs whose object (the hearer) sits between the cue and the reported clause.
HEARER_VERBS = _forms(
    "tell:tells:told:telling",
    "warn:warns:warned",
    "remind:reminds:reminded",
    "assure:assures:assured",
    "inform:informs:informed",
    "ask:asks:asked",
    "urge:urges:urged",
    "promise:promises:promised",
)

#: Words that may sit between a subject and its cue ("he also said", "she has repeatedly said").
CUE_ADVERBS = frozenset(
    """also later then has had have would will previously recently repeatedly once reportedly
    again publicly privately flatly immediately quickly simply frequently often later
    subsequently has had was is were are been later already further earlier last first
    initially ultimately eventually just even still never later bluntly angrily
    sarcastically proudly openly did does do may might could can should must""".split()
)

#: Pronouns that can be a speaker and need resolving.
PERSON_PRONOUNS = frozenset({"he", "she", "i", "we", "they", "who", "it"})

#: Gender of pronouns, used to pick an antecedent.
PRONOUN_GENDER = {"he": "m", "she": "f", "him": "m", "her": "f"}

#: Title words kept apart from names ("Vice President JD Vance" -> title "Vice President").
TITLE_WORDS = frozenset(
    """president vice senator sen sen. rep rep. representative gov gov. governor mayor judge
    justice gen gen. general adm admiral col col. colonel lt lt. lieutenant sgt sgt. sergeant
    dr dr. mr mr. mrs mrs. ms ms. miss prof prof. professor rev rev. reverend chancellor prime
    minister king queen prince princess pope ambassador attorney speaker leader chairman
    chairwoman chair ceo director commissioner sheriff chief spokesman spokeswoman
    spokesperson press secretary candidate nominee deputy former acting assistant
    democratic republican democrat gop majority minority whip house senate state
    congressman congresswoman councilman councilwoman councilmember lawmaker executive
    officer founder co-founder manager strategist adviser advisor aide analyst economist
    pollster author anchor host correspondent editor reporter columnist commentator
    presidential vice-president presumptive hopeful rival challenger incumbent
    businessman businesswoman billionaire activist lawyer attorney counsel professor
    secretary-general superintendent trooper officer detective captain capt capt. sir dame
    lord lady emir sheikh ayatollah premier first lady campaign chairman senior top
    defense defence foreign interior treasury homeland security energy health labor
    commerce agriculture education transportation justice national u.s. us american
    french german british russian ukrainian chinese israeli iranian italian spanish canadian
    mexican european japanese indian polish turkish egyptian saudi syrian iraqi afghan
    governor-elect president-elect gubernatorial mayoral congressional party leader
    independent libertarian green conservative liberal progressive federal district county
    city general-secretary secretary-of-state counselor counsellor communications
    director spokesperson press-secretary retired longtime top senior veteran fellow
    outgoing incoming late newly then army navy marine air coach treasurer clerk auditor
    controller comptroller council member""".split()
)

#: Role nouns that denote a person: "the senator said" resolves to someone named before.
PERSON_ROLES = frozenset(
    """senator president candidate nominee governor mayor secretary spokesman spokeswoman
    spokesperson official officials aide aides adviser advisor advisers advisors congressman
    congresswoman lawmaker lawmakers businessman businesswoman billionaire mogul
    chairman chairwoman leader minister chancellor judge justice lawyer attorney
    representative director manager strategist ambassador general commander officer
    professor economist analyst pollster author host reporter founder executive ceo
    woman man father mother son daughter wife husband democrat republican hopeful rival
    frontrunner front-runner incumbent challenger nominee speaker veteran activist
    star actor actress singer rapper celebrity witness prosecutor sheriff chief king
    queen prince pope premier envoy diplomat commissioner""".split()
)

#: Nouns of groups and institutions that can speak ("the campaign said").
ORG_NOUNS = frozenset(
    """campaign company administration department ministry government agency committee
    party group organization organisation office firm team network newspaper paper magazine
    report study poll survey statement white house kremlin pentagon council board court
    commission union association institute university center centre foundation coalition
    police military army embassy""".split()
)

#: Words inside a capitalised run that mark an organisation rather than a person.
ORG_WORDS = frozenset(
    """house party department committee council association institute university college
    foundation campaign center centre agency bureau office administration court congress
    senate times post journal news network press inc inc. corp corp. company group union
    commission service ministry organization organisation bank fund club church media
    reuters cnn nbc abc cbs fox msnbc ap pac poll university school hospital police army
    navy force forces republicans democrats gop nato fbi cia un eu kremlin pentagon
    staff caucus state states county city republic kingdom street magazine tribune herald
    review report radio tv television channel daily weekly institution coalition alliance
    project initiative council board authority""".split()
)

#: Capitalised words that start sentences but are never part of a name.
NOT_NAMES = frozenset(
    """the a an but and or so yet he she it they we i you this that these those in on at
    for with from by as after before when while if although though because since until
    still meanwhile however also then now here there what who why how where which some
    many most all both each every no not other others one two three four five six seven
    eight nine ten his her its their our my your him them us me last next first later
    earlier today tonight yesterday tomorrow monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october
    november december jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep
    sep. sept sept. oct oct. nov nov. dec dec. asked speaking according said says told
    despite during under over about against among between into through without within
    instead indeed even just only perhaps maybe yes well oh thanks thank please let
    democrats republicans americans several another any such like unlike to of do does
    did is are was were be has have had will would can could should must might
    said. says. more less much few nor either neither whether whatever whoever again
    once twice mrs. mr. ms. dr.""".split()
)

#: Words that end a subject noun phrase going leftwards.
NP_STOP = frozenset(
    """and or but that which because if when while as than then so to in on at by with
    from into about after before over under since until during against without through
    is are was were be been being has have had do does did not""".split()
)

#: Small, common first names with a clear gender, for choosing he/she antecedents.
MALE_NAMES = frozenset(
    """donald jd james john robert michael william david richard joseph thomas charles
    christopher daniel matthew anthony mark paul steven andrew kenneth joshua kevin brian
    george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan
    stephen larry justin scott brandon benjamin samuel gregory frank alexander raymond
    patrick jack dennis jerry tyler aaron jose adam henry nathan douglas zachary peter
    kyle walter ethan jeremy harold keith christian roger noah gerald carl terry sean
    austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel
    logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby
    philip johnny bernie ted marco jeb ben chris mike rand newt reince corey paul mitt
    barack bill rudy rudolph vladimir emmanuel volodymyr pete mitch chuck lindsey nancy
    tim""".split()
)

FEMALE_NAMES = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
    betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda
    melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela
    helen anna brenda pamela nicole emma samantha katherine christine debra rachel
    catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia
    kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline
    frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia
    judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany
    natalie isabella charlotte rose alexis kayla hillary jill kellyanne huma ivanka
    melania michelle chelsea hope katrina kellyanne carly nikki sheryl marsha dana
    angela theresa ursula giorgia marine kamala nancy elizabeth tulsi condoleezza
    madeleine debbie donna""".split()
)

#: Male/female honorifics.
MALE_TITLES = frozenset({"mr", "mr.", "sir", "king", "prince", "lord", "father", "congressman"})
FEMALE_TITLES = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "queen", "princess", "lady", "dame", "congresswoman"}
)

#: Abbreviations whose final period does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr sen rep gov gen adm col lt sgt capt prof rev st jr sr no vs etc inc
    corp co ltd jan feb mar apr jun jul aug sep sept oct nov dec u.s a.m p.m
    d.c u.k u.n e.g i.e ft mt""".split()
)
