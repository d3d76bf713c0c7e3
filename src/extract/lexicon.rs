//! Word lists: event words and the incident types they map to, country
//! adjectives, organisation markers, titles, and words that are never places.

/// The incident types `extract` writes in the `type` column, from most to least specific.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventType {
    /// A plot stopped before it happened.
    FoiledPlot,
    /// Arrests or detentions.
    Arrests,
    /// A suicide bombing.
    SuicideBombing,
    /// A car or truck bomb.
    CarBomb,
    /// People taken by force: a kidnapping or abduction.
    Kidnapping,
    /// A vehicle driven into people.
    VehicleRamming,
    /// Fighting between armed groups or forces.
    ArmedClash,
    /// Rockets or shelling.
    RocketAttack,
    /// A riot (a prison riot when a prison is named).
    Riot,
    /// A bomb or explosion.
    Bombing,
    /// Property set on fire.
    Arson,
    /// Property taken by force: a robbery, looting.
    Robbery,
    /// Shooting, stabbing, hostage-taking, murder.
    ArmedAttack,
    /// An attack of no more specific kind.
    Attack,
    /// A stoppage of work or traffic enforced by threat ("an armed strike").
    WorkStoppage,
}

impl EventType {
    /// The value written in the `type` column.
    pub fn name(self) -> &'static str {
        match self {
            EventType::FoiledPlot => "Foiled plot",
            EventType::Arrests => "Arrests",
            EventType::SuicideBombing => "Suicide bombing",
            EventType::CarBomb => "Car bomb",
            EventType::Kidnapping => "Kidnapping",
            EventType::VehicleRamming => "Vehicle ramming",
            EventType::ArmedClash => "Armed clash",
            EventType::RocketAttack => "Rocket attack",
            EventType::Riot => "Riot",
            EventType::Bombing => "Bombing",
            EventType::Arson => "Arson",
            EventType::Robbery => "Robbery",
            EventType::ArmedAttack => "Armed attack",
            EventType::Attack => "Attack",
            EventType::WorkStoppage => "Forced work stoppage",
        }
    }

    /// Which type wins when a sentence has several: the enum order (smaller is stronger).
    pub fn stronger(self, other: EventType) -> EventType {
        self.min(other)
    }

    /// Whether two mentions can be the same incident as far as their types go.
    pub fn compatible(self, other: EventType) -> bool {
        let family = |t: EventType| match t {
            EventType::FoiledPlot => 0,
            EventType::Arrests => 1,
            EventType::Riot => 2,
            EventType::ArmedClash => 3,
            EventType::Kidnapping => 5,
            EventType::Arson => 6,
            EventType::Robbery => 7,
            EventType::WorkStoppage => 8,
            _ => 4,
        };
        let violent = |t: EventType| family(t) >= 2;
        family(self) == family(other)
            || (violent(self)
                && violent(other)
                && (self == EventType::Attack || other == EventType::Attack))
    }

    /// Whether casualty figures in the text belong to this kind of incident.
    pub fn has_casualties(self) -> bool {
        !matches!(
            self,
            EventType::FoiledPlot | EventType::Arrests | EventType::WorkStoppage
        )
    }
}

/// Event phrases (lower case, one string per token) and their types. Longer phrases first.
pub const EVENT_PHRASES: &[(&[&str], EventType)] = &[
    (&["suicide", "bomber"], EventType::SuicideBombing),
    (&["suicide", "bombers"], EventType::SuicideBombing),
    (&["suicide", "bombing"], EventType::SuicideBombing),
    (&["suicide", "bombings"], EventType::SuicideBombing),
    (&["suicide", "attack"], EventType::SuicideBombing),
    (&["suicide", "attacks"], EventType::SuicideBombing),
    (&["suicide", "attacker"], EventType::SuicideBombing),
    (&["suicide", "blast"], EventType::SuicideBombing),
    (&["suicide", "vest"], EventType::SuicideBombing),
    (&["explosive", "belt"], EventType::SuicideBombing),
    (&["explosive", "belts"], EventType::SuicideBombing),
    (&["blew", "himself", "up"], EventType::SuicideBombing),
    (&["blew", "herself", "up"], EventType::SuicideBombing),
    (&["blew", "themselves", "up"], EventType::SuicideBombing),
    (&["car", "bomb"], EventType::CarBomb),
    (&["car", "bombs"], EventType::CarBomb),
    (&["car", "bombing"], EventType::CarBomb),
    (&["truck", "bomb"], EventType::CarBomb),
    (&["bomb-laden"], EventType::CarBomb),
    (&["vehicle-borne"], EventType::CarBomb),
    (&["kidnapped"], EventType::Kidnapping),
    (&["kidnapping"], EventType::Kidnapping),
    (&["kidnappings"], EventType::Kidnapping),
    (&["kidnap"], EventType::Kidnapping),
    (&["kidnaps"], EventType::Kidnapping),
    (&["abducted"], EventType::Kidnapping),
    (&["abduction"], EventType::Kidnapping),
    (&["abductions"], EventType::Kidnapping),
    (&["rammed"], EventType::VehicleRamming),
    (&["ramming"], EventType::VehicleRamming),
    (&["ran", "over"], EventType::VehicleRamming),
    (&["ploughed", "into"], EventType::VehicleRamming),
    (&["plowed", "into"], EventType::VehicleRamming),
    (&["drove", "into"], EventType::VehicleRamming),
    (&["foiled"], EventType::FoiledPlot),
    (&["thwarted"], EventType::FoiledPlot),
    (&["plot"], EventType::FoiledPlot),
    (&["plots"], EventType::FoiledPlot),
    (&["plotting"], EventType::FoiledPlot),
    (&["planning", "an", "attack"], EventType::FoiledPlot),
    (&["planning", "attacks"], EventType::FoiledPlot),
    (&["prevented", "an", "attack"], EventType::FoiledPlot),
    (&["arrested"], EventType::Arrests),
    (&["arrest"], EventType::Arrests),
    (&["arrests"], EventType::Arrests),
    (&["detained"], EventType::Arrests),
    (&["detain"], EventType::Arrests),
    (&["detains"], EventType::Arrests),
    (&["captured"], EventType::Arrests),
    (&["apprehended"], EventType::Arrests),
    (&["rounded", "up"], EventType::Arrests),
    (&["taken", "into", "custody"], EventType::Arrests),
    (&["exchanged", "fire"], EventType::ArmedClash),
    (&["exchange", "of", "fire"], EventType::ArmedClash),
    (&["gunfight"], EventType::ArmedClash),
    (&["gunfights"], EventType::ArmedClash),
    (&["gun", "battle"], EventType::ArmedClash),
    (&["firefight"], EventType::ArmedClash),
    (&["shootout"], EventType::ArmedClash),
    (&["clash"], EventType::ArmedClash),
    (&["clashes"], EventType::ArmedClash),
    (&["clashed"], EventType::ArmedClash),
    (&["fighting"], EventType::ArmedClash),
    (&["skirmish"], EventType::ArmedClash),
    (&["skirmishes"], EventType::ArmedClash),
    (&["rocket"], EventType::RocketAttack),
    (&["rockets"], EventType::RocketAttack),
    (&["shelling"], EventType::RocketAttack),
    (&["mortar"], EventType::RocketAttack),
    (&["mortars"], EventType::RocketAttack),
    (&["shelled"], EventType::RocketAttack),
    (&["prison", "violence"], EventType::Riot),
    (&["riot"], EventType::Riot),
    (&["riots"], EventType::Riot),
    (&["rioted"], EventType::Riot),
    (&["rioting"], EventType::Riot),
    (&["uprising"], EventType::Riot),
    (&["mutiny"], EventType::Riot),
    (&["explosive", "device"], EventType::Bombing),
    (&["bombing"], EventType::Bombing),
    (&["bombings"], EventType::Bombing),
    (&["bombed"], EventType::Bombing),
    (&["bomb"], EventType::Bombing),
    (&["bombs"], EventType::Bombing),
    (&["blast"], EventType::Bombing),
    (&["blasts"], EventType::Bombing),
    (&["explosion"], EventType::Bombing),
    (&["explosions"], EventType::Bombing),
    (&["exploded"], EventType::Bombing),
    (&["explosives"], EventType::Bombing),
    (&["grenade"], EventType::Bombing),
    (&["ied"], EventType::Bombing),
    (&["dynamite"], EventType::Bombing),
    (&["dynamited"], EventType::Bombing),
    (&["blew", "up"], EventType::Bombing),
    (&["detonated"], EventType::Bombing),
    (&["explosive", "charge"], EventType::Bombing),
    (&["explosive", "charges"], EventType::Bombing),
    (&["set", "fire"], EventType::Arson),
    (&["set", "on", "fire"], EventType::Arson),
    (&["set", "ablaze"], EventType::Arson),
    (&["arson"], EventType::Arson),
    (&["torched"], EventType::Arson),
    (&["burned"], EventType::Arson),
    (&["burnt"], EventType::Arson),
    (&["incendiary"], EventType::Arson),
    (&["robbed"], EventType::Robbery),
    (&["robbery"], EventType::Robbery),
    (&["robberies"], EventType::Robbery),
    (&["stole"], EventType::Robbery),
    (&["looted"], EventType::Robbery),
    (&["looting"], EventType::Robbery),
    (&["ransacked"], EventType::Robbery),
    (&["armed", "strike"], EventType::WorkStoppage),
    (&["work", "stoppage"], EventType::WorkStoppage),
    (&["work", "stoppages"], EventType::WorkStoppage),
    (&["opened", "fire"], EventType::ArmedAttack),
    (&["fired", "on"], EventType::ArmedAttack),
    (&["fired", "at"], EventType::ArmedAttack),
    (&["shooting"], EventType::ArmedAttack),
    (&["shootings"], EventType::ArmedAttack),
    (&["shot"], EventType::ArmedAttack),
    (&["gunman"], EventType::ArmedAttack),
    (&["gunmen"], EventType::ArmedAttack),
    (&["stabbed"], EventType::ArmedAttack),
    (&["stabbing"], EventType::ArmedAttack),
    (&["hostage"], EventType::ArmedAttack),
    (&["hostages"], EventType::ArmedAttack),
    (&["siege"], EventType::ArmedAttack),
    (&["stormed"], EventType::ArmedAttack),
    (&["storm"], EventType::ArmedAttack),
    (&["massacre"], EventType::ArmedAttack),
    (&["assassinated"], EventType::ArmedAttack),
    (&["assassination"], EventType::ArmedAttack),
    (&["assassinations"], EventType::ArmedAttack),
    (&["murdered"], EventType::ArmedAttack),
    (&["murder"], EventType::ArmedAttack),
    (&["murders"], EventType::ArmedAttack),
    (&["massacred"], EventType::ArmedAttack),
    (&["gunned", "down"], EventType::ArmedAttack),
    (&["machinegunned"], EventType::ArmedAttack),
    (&["machine-gunned"], EventType::ArmedAttack),
    (&["killed"], EventType::Attack),
    (&["attacker"], EventType::Attack),
    (&["attackers"], EventType::Attack),
    (&["attack"], EventType::Attack),
    (&["attacks"], EventType::Attack),
    (&["attacked"], EventType::Attack),
    (&["assault"], EventType::Attack),
    (&["struck"], EventType::Attack),
    (&["strike"], EventType::Attack),
    (&["raid"], EventType::Attack),
    (&["incursion"], EventType::Attack),
    (&["incursions"], EventType::Attack),
    (&["ambush"], EventType::Attack),
    (&["ambushed"], EventType::Attack),
];

/// Words that say a riot was in a prison.
pub const PRISON_WORDS: &[&str] = &[
    "prison",
    "prisons",
    "jail",
    "penal",
    "inmates",
    "prisoners",
    "penitentiary",
];

/// Country adjectives and nouns for people, with the country's alpha-2 code.
pub const DEMONYMS: &[(&str, &str)] = &[
    ("afghan", "AF"),
    ("afghans", "AF"),
    ("tajik", "TJ"),
    ("tajiks", "TJ"),
    ("kyrgyz", "KG"),
    ("uzbek", "UZ"),
    ("uzbeks", "UZ"),
    ("kazakh", "KZ"),
    ("kazakhs", "KZ"),
    ("kazakhstani", "KZ"),
    ("turkmen", "TM"),
    ("iranian", "IR"),
    ("iranians", "IR"),
    ("persian", "IR"),
    ("russian", "RU"),
    ("russians", "RU"),
    ("turkish", "TR"),
    ("turk", "TR"),
    ("turks", "TR"),
    ("pakistani", "PK"),
    ("pakistanis", "PK"),
    ("chinese", "CN"),
    ("indian", "IN"),
    ("iraqi", "IQ"),
    ("iraqis", "IQ"),
    ("syrian", "SY"),
    ("syrians", "SY"),
    ("ukrainian", "UA"),
    ("ukrainians", "UA"),
    ("belarusian", "BY"),
    ("georgian", "GE"),
    ("azerbaijani", "AZ"),
    ("azeri", "AZ"),
    ("armenian", "AM"),
    ("american", "US"),
    ("americans", "US"),
    ("british", "GB"),
    ("french", "FR"),
    ("german", "DE"),
    ("dutch", "NL"),
    ("swiss", "CH"),
    ("israeli", "IL"),
    ("saudi", "SA"),
];

/// Regions that are not gazetteer entries but tell which countries an article is about.
pub const REGIONS: &[(&[&str], &[&str])] = &[
    (&["central", "asia"], &["KZ", "KG", "TJ", "TM", "UZ"]),
    (&["central", "asian"], &["KZ", "KG", "TJ", "TM", "UZ"]),
    (&["fergana", "valley"], &["UZ", "KG", "TJ"]),
    (&["ferghana", "valley"], &["UZ", "KG", "TJ"]),
    (&["north", "caucasus"], &["RU"]),
    (&["caucasus"], &["RU", "GE", "AZ", "AM"]),
    (&["middle", "east"], &["IR", "IQ", "SY", "TR"]),
];

/// A token in a capitalised name that makes it an organisation or publication.
pub const ORG_MARKERS: &[&str] = &[
    "islamic",
    "taliban",
    "times",
    "news",
    "radio",
    "agency",
    "press",
    "post",
    "daily",
    "tribune",
    "herald",
    "gazette",
    "journal",
    "television",
    "tv",
    "broadcasting",
    "network",
    "service",
    "services",
    "ministry",
    "committee",
    "council",
    "party",
    "movement",
    "front",
    "brigade",
    "battalion",
    "army",
    "guard",
    "guards",
    "corps",
    "bank",
    "company",
    "corporation",
    "airlines",
    "airways",
    "foundation",
    "institute",
    "organisation",
    "organization",
    "association",
    "nations",
    "watch",
    "rights",
    "court",
    "club",
    "liberty",
    "jamaat",
    "hizb",
    "tehrik",
    "lashkar",
    "jaish",
];

/// Lower-case words right after a capitalised name that make it an organisation.
pub const ORG_FOLLOWERS: &[&str] = &[
    "news",
    "agency",
    "newspaper",
    "daily",
    "channel",
    "television",
    "broadcaster",
    "service",
    "website",
    "outlet",
    "group",
    "movement",
    "party",
    "militants",
    "fighters",
];

/// Words before a name that make it a person's.
pub const TITLES: &[&str] = &[
    "president",
    "minister",
    "premier",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "general",
    "gen",
    "colonel",
    "col",
    "captain",
    "lieutenant",
    "sergeant",
    "mr",
    "mrs",
    "ms",
    "dr",
    "mullah",
    "sheikh",
    "imam",
    "emir",
    "leader",
    "chief",
    "governor",
    "mayor",
    "judge",
    "prosecutor",
    "senator",
    "ambassador",
    "envoy",
    "journalist",
    "blogger",
    "activist",
    "king",
    "prince",
    "saint",
];

/// Words before a name that make it a person's, as two-word phrases' last words.
pub const KINSHIP: &[&str] = &[
    "son", "daughter", "wife", "husband", "brother", "sister", "father", "mother",
];

/// Capitalised words that are never places (days, months, holidays, pronouns, common sentence openers).
pub const NEVER_PLACES: &[&str] = &[
    "ramadan",
    "eid",
    "christmas",
    "easter",
    "nowruz",
    "year",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "by",
    "for",
    "from",
    "with",
    "after",
    "before",
    "since",
    "during",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "his",
    "her",
    "their",
    "our",
    "some",
    "many",
    "most",
    "all",
    "both",
    "several",
    "about",
    "further",
    "besides",
    "among",
    "according",
    "hundreds",
    "dozens",
    "thousands",
    "scores",
    "officials",
    "police",
    "security",
    "government",
    "state",
    "mosques",
    "witnesses",
    "doctors",
    "relatives",
    "inmates",
    "gunmen",
    "fighting",
    "tourism",
    "rockets",
    "when",
    "while",
    "but",
    "and",
    "or",
    "as",
    "if",
    "is",
    "no",
    "not",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twin",
    "shia",
    "sunni",
    "muslim",
    "muslims",
    "christian",
    "orthodox",
    "jewish",
    "islam",
    "allah",
    "god",
    "human",
    "supreme",
    "free",
];

/// Capitalised words that may sit in a place's name without being the place
/// (venues, divisions, directions): "Kabul Airport", "Kunduz Province".
pub const PLACE_WORDS: &[&str] = &[
    "airport",
    "university",
    "hall",
    "mosque",
    "stadium",
    "hospital",
    "prison",
    "hotel",
    "market",
    "bazaar",
    "square",
    "street",
    "road",
    "bridge",
    "station",
    "school",
    "academy",
    "embassy",
    "consulate",
    "cathedral",
    "church",
    "synagogue",
    "shrine",
    "cemetery",
    "park",
    "centre",
    "center",
    "mall",
    "theatre",
    "theater",
    "club",
    "arena",
    "metro",
    "port",
    "base",
    "camp",
    "checkpoint",
    "province",
    "region",
    "oblast",
    "district",
    "city",
    "town",
    "village",
    "valley",
    "gorge",
    "pass",
    "river",
    "lake",
    "highway",
    "border",
    "upper",
    "lower",
    "greater",
    "old",
    "new",
];

/// Lower-case words after a name that make it a first-level division.
pub const PROVINCE_WORDS: &[&str] = &[
    "province",
    "region",
    "oblast",
    "governorate",
    "viloyat",
    "viloyati",
    "vilayet",
];

/// Lower-case words after a name that make it a town (dropped from the place).
pub const TOWN_WORDS: &[&str] = &["district", "city", "town", "village"];

/// Direction adjectives that may stand between a preposition and a place.
pub const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "far",
];

/// Prepositions that put an incident in a country.
pub const LOCATIVE: &[&str] = &[
    "in",
    "inside",
    "into",
    "across",
    "throughout",
    "near",
    "at",
    "on",
    "against",
    "within",
];

/// Verbs that make the name before them an actor, not a location ("Moscow blamed Kyiv").
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "blamed",
    "blames",
    "accused",
    "accuses",
    "denied",
    "denies",
    "rejected",
    "rejects",
    "announced",
    "announces",
    "insisted",
    "warned",
    "condemned",
    "condemns",
    "called",
    "calls",
    "claimed",
    "claims",
    "responded",
    "urged",
    "urges",
    "vowed",
    "promised",
    "sent",
    "demanded",
    "confirmed",
    "reported",
    "added",
    "stated",
    "declared",
    "appealed",
    "pledged",
    "expressed",
    "offered",
    "asked",
];

/// Verbs that make a country before them an actor ("Uzbekistan has kept the crossing open").
pub const AUX_VERBS: &[&str] = &[
    "has", "have", "had", "will", "would", "is", "was", "were", "are",
];

/// Words that may stand between an actor and its verb ("Moscow later said").
pub const ADVERBS: &[&str] = &[
    "later",
    "nevertheless",
    "instead",
    "also",
    "then",
    "again",
    "quickly",
    "first",
    "initially",
    "swiftly",
    "immediately",
    "still",
    "itself",
    "officially",
];

/// Nouns whose "in X" names where the speaker sits, not where something happened.
pub const SPEAKERS: &[&str] = &[
    "officials",
    "official",
    "authorities",
    "government",
    "ministry",
    "leaders",
    "leadership",
    "spokesman",
    "spokeswoman",
    "diplomats",
    "regime",
    "administration",
];

/// Offices whose "of X" names an official's area, not where something happened.
pub const OFFICES: &[&str] = &[
    "head",
    "governor",
    "mayor",
    "chief",
    "administrator",
    "leader",
    "prosecutor",
    "imam",
];

/// Nouns before "of X" that make X a reference point ("the edge of Istanbul").
pub const REFERENCE_NOUNS: &[&str] = &["edge", "outskirts", "suburbs", "suburb", "outside"];

/// Words before an event word that make it a reference to an incident already told.
pub const DETERMINERS: &[&str] = &[
    "the", "this", "that", "these", "those", "its", "both", "such", "same", "their",
];

/// Words that deny an event ("no rockets had landed").
pub const NEGATIONS: &[&str] = &["no", "not", "never", "without", "nothing", "nobody", "few"];

/// Words that make the events of their clause a forecast, an assessment or
/// an intention, not something that happened ("is expected to attack",
/// "could attack", "plans to carry out bombings", "a report assessed").
pub const FORECASTS: &[&[&str]] = &[
    &["expected"],
    &["expects"],
    &["could"],
    &["might"],
    &["may"],
    &["would"],
    &["plans", "to"],
    &["plan", "to"],
    &["planning", "to"],
    &["intends", "to"],
    &["intend", "to"],
    &["set", "to"],
    &["likely", "to"],
    &["threatens", "to"],
    &["threatened", "to"],
    &["aims", "to"],
    &["seeks", "to"],
    &["assessed"],
    &["assesses"],
    &["assessment"],
    &["forecast"],
    &["predicted"],
    &["warned", "of"],
    &["risk", "of"],
    &["threat", "of"],
    &["capable", "of"],
    &["strengthened", "its", "presence"],
];

/// Superlatives that open a comparison ("the deadliest attack since...").
pub const SUPERLATIVES: &[&str] = &["deadliest", "worst", "bloodiest", "biggest", "largest"];

/// Number words and their values.
pub const NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("dozen", 12),
    ("hundred", 100),
    ("a", 1),
    ("an", 1),
];

/// Whether a lower-case word is in a list.
pub fn contains(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// Whether a capitalised word can never be a place by itself.
pub fn never_place(word: &str) -> bool {
    contains(NEVER_PLACES, word) || contains(DIRECTIONS, word) || super::dates::is_date_word(word)
}

/// Whether a word may sit in a place's name without being the place.
pub fn place_word(word: &str) -> bool {
    contains(PLACE_WORDS, word) || contains(DIRECTIONS, word)
}

/// The country code of a country adjective or people's name.
pub fn demonym(word: &str) -> Option<&'static str> {
    DEMONYMS.iter().find(|(w, _)| *w == word).map(|(_, cc)| *cc)
}
