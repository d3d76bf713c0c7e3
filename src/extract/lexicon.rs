//! Word lists: event words and the incident types they map to, country
//! adjectives, organisation markers, titles, and words that are never places.

use std::sync::OnceLock;

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
    /// People taken by force: a kidnapping, an abduction, hostages taken.
    Kidnapping,
    /// A vehicle driven into people.
    VehicleRamming,
    /// Bombs or fire from aircraft: an air strike, air raid or drone strike.
    AirStrike,
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
    /// Shooting, stabbing, murder.
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
            EventType::AirStrike => "Air strike",
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
            EventType::AirStrike => 9,
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
    (&["blown", "himself", "up"], EventType::SuicideBombing),
    (&["blown", "herself", "up"], EventType::SuicideBombing),
    (&["blown", "themselves", "up"], EventType::SuicideBombing),
    (&["blows", "himself", "up"], EventType::SuicideBombing),
    (&["blows", "herself", "up"], EventType::SuicideBombing),
    (&["blow", "themselves", "up"], EventType::SuicideBombing),
    (&["car", "bomb"], EventType::CarBomb),
    (&["car", "bombs"], EventType::CarBomb),
    (&["car", "bombing"], EventType::CarBomb),
    (&["car-bomb"], EventType::CarBomb),
    (&["car-bombs"], EventType::CarBomb),
    (&["car-bombing"], EventType::CarBomb),
    (&["truck", "bomb"], EventType::CarBomb),
    (&["bomb-laden"], EventType::CarBomb),
    (&["explosive-laden"], EventType::CarBomb),
    (&["explosives-laden"], EventType::CarBomb),
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
    (&["slammed", "into"], EventType::VehicleRamming),
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
    (&["air", "strike"], EventType::AirStrike),
    (&["air", "strikes"], EventType::AirStrike),
    (&["airstrike"], EventType::AirStrike),
    (&["airstrikes"], EventType::AirStrike),
    (&["air", "raid"], EventType::AirStrike),
    (&["air", "raids"], EventType::AirStrike),
    (&["drone", "strike"], EventType::AirStrike),
    (&["drone", "strikes"], EventType::AirStrike),
    (&["strafed"], EventType::AirStrike),
    (&["strafing"], EventType::AirStrike),
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
    // "a fierce fight broke out between the group and security forces".
    (&["fight", "broke", "out"], EventType::ArmedClash),
    (&["fights", "broke", "out"], EventType::ArmedClash),
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
    (&["threw", "stones"], EventType::Riot),
    (&["throwing", "stones"], EventType::Riot),
    (&["hurling", "stones"], EventType::Riot),
    (&["hurled", "stones"], EventType::Riot),
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
    (&["blown", "up"], EventType::Bombing),
    (&["blowing", "up"], EventType::Bombing),
    (&["blowing-up"], EventType::Bombing),
    (&["blew-up"], EventType::Bombing),
    (&["bombarded"], EventType::Bombing),
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
    (&["opening", "fire"], EventType::ArmedAttack),
    (&["opens", "fire"], EventType::ArmedAttack),
    (&["open", "fire"], EventType::ArmedAttack),
    (&["fired", "on"], EventType::ArmedAttack),
    (&["fired", "at"], EventType::ArmedAttack),
    (&["firing", "on"], EventType::ArmedAttack),
    (&["firing", "at"], EventType::ArmedAttack),
    (&["shooting"], EventType::ArmedAttack),
    (&["shootings"], EventType::ArmedAttack),
    (&["shot"], EventType::ArmedAttack),
    (&["gunman"], EventType::ArmedAttack),
    (&["gunmen"], EventType::ArmedAttack),
    (&["stabbed"], EventType::ArmedAttack),
    (&["stabbing"], EventType::ArmedAttack),
    (&["hostage"], EventType::Kidnapping),
    (&["hostages"], EventType::Kidnapping),
    (&["siege"], EventType::ArmedAttack),
    (&["stormed"], EventType::ArmedAttack),
    (&["storm"], EventType::ArmedAttack),
    (&["storming"], EventType::ArmedAttack),
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
    (&["kills"], EventType::Attack),
    // "drive it into an assembly of policemen in Kashgar, killing 16 people".
    (&["killing"], EventType::Attack),
    // "were martyred": killed, as the Pakistani and Iranian press write it.
    (&["martyred"], EventType::Attack),
    (&["terror", "strike"], EventType::Attack),
    (&["terror", "strikes"], EventType::Attack),
    (&["terrorist", "act"], EventType::Attack),
    (&["terrorist", "acts"], EventType::Attack),
    (&["terrorist", "strike"], EventType::Attack),
    (&["terrorist", "strikes"], EventType::Attack),
    (&["attacker"], EventType::Attack),
    (&["attackers"], EventType::Attack),
    (&["attack"], EventType::Attack),
    (&["attacks"], EventType::Attack),
    (&["attacked"], EventType::Attack),
    // "The insurgents are also attacking the northern city of Kunduz".
    (&["attacking"], EventType::Attack),
    (&["hijacked"], EventType::Attack),
    (&["sabotaged"], EventType::Attack),
    (&["assault"], EventType::Attack),
    (&["struck"], EventType::Attack),
    (&["strike"], EventType::Attack),
    (&["raid"], EventType::Attack),
    (&["incursion"], EventType::Attack),
    (&["incursions"], EventType::Attack),
    (&["ambush"], EventType::Attack),
    (&["ambushed"], EventType::Attack),
];

/// Phrases before an event that make it the cause of what is told, an
/// earlier incident ("in response to a deadly attack", "in retaliation for
/// the bombing").
pub const CAUSE_PHRASES: &[&[&str]] = &[
    &["response", "to"],
    &["retaliation", "for"],
    &["revenge", "for"],
    &["retribution", "for"],
    &["reprisal", "for"],
    &["reprisals", "for"],
];

/// First words of event phrases that tell one side setting upon a target
/// rather than combat between two sides: told beside "clashes" or
/// "fighting", the incident is the assault.
pub const ASSAULT_WORDS: &[&str] = &[
    "attack",
    "attacks",
    "attacked",
    "assault",
    "raid",
    "ambush",
    "ambushed",
    "stormed",
    "massacre",
    "massacred",
    "murder",
    "murdered",
    "assassinated",
    "assassination",
    "machinegunned",
    "machine-gunned",
];

/// Aircraft: a bombing told with one of these in its sentence ("helicopter
/// gunships bombed villages") is an air strike.
pub const AIRCRAFT: &[&str] = &[
    "aircraft",
    "airplane",
    "airplanes",
    "plane",
    "planes",
    "warplane",
    "warplanes",
    "jet",
    "jets",
    "helicopter",
    "helicopters",
    "gunship",
    "gunships",
    "drone",
    "drones",
    "a-37",
    "a-37s",
];

/// Armed forces as the target of an attack ("attacked military positions",
/// "ambushed an army patrol"): combat with armed forces is an armed clash,
/// as ACLED codes it, not an attack on civilians or installations.
pub const MILITARY_TARGETS: &[&str] = &[
    "military",
    "army",
    "troops",
    "soldiers",
    "patrol",
    "patrols",
    "convoy",
    "convoys",
    "brigade",
    "brigades",
    "battalion",
    "battalions",
    "garrison",
    "garrisons",
    "barracks",
    "outpost",
    "outposts",
    "positions",
    "detachment",
    "detachments",
    "platoon",
];

/// Irregular fighters: "guerrillas ... were killed" tells combat, as
/// "soldiers ... were killed" does.
pub const COMBATANTS: &[&str] = &[
    "guerrilla",
    "guerrillas",
    "rebel",
    "rebels",
    "insurgent",
    "insurgents",
    "subversive",
    "subversives",
    "terrorists",
    "militants",
    "fighters",
    "militiamen",
    "combatants",
];

/// Places an attack is made on ("at another firearms store", "a second
/// checkpoint"): with "another" or an ordinal before them they tell an
/// incident other than the one being told, at the same town.
pub const TARGET_SITES: &[&str] = &[
    "store",
    "shop",
    "base",
    "station",
    "post",
    "checkpoint",
    "mosque",
    "church",
    "synagogue",
    "school",
    "market",
    "bazaar",
    "hotel",
    "restaurant",
    "bank",
    "embassy",
    "consulate",
    "hospital",
    "office",
    "building",
    "bus",
    "train",
    "village",
    "camp",
    "prison",
    "plant",
    "bridge",
    "pipeline",
    "tower",
];

/// Words that mark another of a kind: "another store", "a third group".
pub const OTHER_MARKERS: &[&str] = &["another", "second", "third", "fourth", "fifth"];

/// Attackers told apart ("a third group hijacked a bus"): after an ordinal
/// they tell another incident.
pub const ATTACKER_GROUPS: &[&str] = &["group", "gang", "team", "cell", "squad"];

/// Words after a name that make it a part of a town ("the Santa Isabel neighborhood").
pub const QUARTERS: &[&str] = &[
    "neighborhood",
    "neighbourhood",
    "neighborhoods",
    "neighbourhoods",
    "barrio",
    "colonia",
    "suburb",
    "quarter",
];

/// Security forces, after their country's adjective ("Iranian border
/// guards", "Afghan forces").
pub const FORCES: &[&str] = &[
    "forces",
    "guards",
    "servicemen",
    "officers",
    "gendarmes",
    "policemen",
    "commandos",
    "soldiers",
    "troops",
    "patrols",
];

/// Words for police: "a police patrol" is not a military target.
pub const POLICE: &[&str] = &["police", "policemen", "treasury", "guard"];

/// Nouns after a country's adjective that name its people or missions
/// abroad ("the American embassy in La Paz", "two U.S. missionaries"): the
/// adjective then says nothing about where the text is.
pub const ABROAD_NOUNS: &[&str] = &[
    "embassy",
    "embassies",
    "ambassador",
    "ambassadors",
    "consulate",
    "consul",
    "envoy",
    "diplomat",
    "diplomats",
    "citizen",
    "citizens",
    "national",
    "nationals",
    "tourist",
    "tourists",
    "missionary",
    "missionaries",
    "delegation",
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
    (
        &["central", "america"],
        &["GT", "SV", "HN", "NI", "CR", "PA"],
    ),
    (
        &["central", "american"],
        &["GT", "SV", "HN", "NI", "CR", "PA"],
    ),
    (&["latin", "america"], &[]),
    (&["latin", "american"], &[]),
    (&["south", "america"], &[]),
    (&["south", "american"], &[]),
    (&["european"], &[]),
];

/// Abstract nouns that make an event word a figure of speech when they are
/// its object: "this explosion of freedom", "a new attack against
/// socialism", "an attack on the judicial branch".
pub const FIGURATIVE_OBJECTS: &[&str] = &[
    "freedom",
    "liberty",
    "democracy",
    "democratic",
    "socialism",
    "capitalism",
    "communism",
    "peace",
    "sovereignty",
    "dignity",
    "hope",
    "joy",
    "justice",
    "truth",
    "reason",
    "rights",
    "constitution",
    "constitutional",
    "judicial",
    "legality",
    "institutions",
    "institutionality",
    "dialogue",
    "negotiations",
    "process",
    "revolution",
    "economy",
    "culture",
    "values",
    "morality",
    "faith",
    "enthusiasm",
    "anger",
    "violence",
    "program",
    "programs",
    "policy",
    "policies",
    "proposal",
    "proposals",
    "measures",
    "decision",
    "ideas",
    "statements",
];

/// Adverbs that make an attack words ("harshly attacked the president").
pub const VERBAL_ADVERBS: &[&str] = &[
    "harshly", "sharply", "bitterly", "verbally", "strongly", "fiercely", "publicly", "openly",
    "severely",
];

/// Disasters and accidents: what they kill is no incident ("an earthquake
/// destroyed the capital and killed 1,000", "died in a plane crash").
pub const DISASTERS: &[&str] = &[
    "earthquake",
    "quake",
    "flood",
    "floods",
    "flooding",
    "landslide",
    "landslides",
    "mudslide",
    "hurricane",
    "cyclone",
    "typhoon",
    "tornado",
    "avalanche",
    "tsunami",
    "eruption",
    "accident",
    "accidents",
    "crash",
    "crashed",
    "overturned",
    "capsized",
    "epidemic",
    "outbreak",
    "disease",
    "cholera",
    "drought",
    "famine",
    "heatwave",
];

/// Adjectives that make an explosion a figure of speech ("a social explosion").
pub const FIGURATIVE_MODIFIERS: &[&str] =
    &["social", "political", "economic", "demographic", "popular"];

/// Common given names (lower case). A capitalised run that starts with one
/// ("Mario Flores", "Hector Oqueli") is a person's name, and its other words
/// are the person's surnames for the rest of the article. Names that are as
/// often places ("Santiago", "Mercedes", "Guadalupe") are left out.
pub const GIVEN_NAMES: &[&str] = &[
    "abdul",
    "ahmad",
    "ahmed",
    "alberto",
    "alejandro",
    "alfonso",
    "alfredo",
    "ali",
    "alvaro",
    "ana",
    "andres",
    "angel",
    "anna",
    "antonio",
    "armando",
    "arturo",
    "augusto",
    "beatriz",
    "carlos",
    "cesar",
    "claudia",
    "daniel",
    "david",
    "diego",
    "eduardo",
    "elena",
    "emilio",
    "enrique",
    "ernesto",
    "fernando",
    "francisco",
    "gabriel",
    "george",
    "gerardo",
    "gilberto",
    "gloria",
    "guillermo",
    "gustavo",
    "hector",
    "hernan",
    "hugo",
    "ignacio",
    "isabel",
    "ivan",
    "jaime",
    "james",
    "javier",
    "joaquin",
    "john",
    "jorge",
    "jose",
    "juan",
    "julia",
    "julio",
    "leonel",
    "lucia",
    "luis",
    "manuel",
    "marco",
    "marcos",
    "margarita",
    "maria",
    "mario",
    "marta",
    "martha",
    "michael",
    "miguel",
    "mohammad",
    "mohammed",
    "muhammad",
    "nelson",
    "oscar",
    "pablo",
    "patricia",
    "pedro",
    "rafael",
    "ramiro",
    "ramon",
    "raul",
    "ricardo",
    "roberto",
    "rodrigo",
    "rosa",
    "ruben",
    "sergio",
    "teresa",
    "tomas",
    "vicente",
    "victor",
    "william",
    "xavier",
    "adolfo",
    "agustin",
    "camilo",
    "cristina",
    "dario",
    "edgar",
    "efrain",
    "esteban",
    "fabio",
    "federico",
    "feliciano",
    "felipe",
    "fidel",
    "gilda",
    "gonzalo",
    "gregorio",
    "hernando",
    "horacio",
    "humberto",
    "ismael",
    "leonardo",
    "lorenzo",
    "marcelo",
    "mariano",
    "mauricio",
    "nestor",
    "norberto",
    "octavio",
    "orlando",
    "osvaldo",
    "patricio",
    "reinaldo",
    "rene",
    "rigoberto",
    "rodolfo",
    "rolando",
    "silvia",
    "wilfredo",
    "yolanda",
    "martin",
    "dino",
    "bernardo",
    "leonor",
    "francois",
    "jean",
    "pierre",
    "luigi",
    "giovanni",
    "giuseppe",
    "paolo",
    "carlo",
    "franco",
    "silvio",
    "hilda",
    "ines",
    "irma",
    "elsa",
    "olga",
    "susana",
    "veronica",
    "monica",
    "antonia",
    "josefina",
    "mateo",
    "nicolas",
    "andrea",
    "angela",
    "benjamin",
    "pascual",
    "adrian",
    "alexander",
    "edwin",
    "erick",
    "henry",
    "kevin",
    "peter",
    "richard",
    "robert",
    "thomas",
    "charles",
    "joseph",
    // Common English ones, for the foreigners wire copy names.
    "gary",
    "paul",
    "steven",
    "kenneth",
    "edward",
    "brian",
    "ronald",
    "donald",
    "larry",
    "eric",
    "mary",
    "linda",
    "barbara",
    "elizabeth",
    "jennifer",
    "susan",
    "margaret",
    "dorothy",
    "lisa",
    "nancy",
    "karen",
    "betty",
    "helen",
    "sandra",
    "donna",
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
    "gang",
    "cell",
    "network",
    "clan",
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
    "archbishop",
    "bishop",
    "monsignor",
    "msgr",
    "father",
    "priest",
    "deputy",
    "attorney",
    "candidate",
    // Occupations and nationals: "businessman Pablo Martin Berrocal",
    // "Spaniard Jose Maria Martinez".
    "businessman",
    "businesswoman",
    "industrialist",
    "impresario",
    "landowner",
    "cattleman",
    "engineer",
    "reporter",
    "cameraman",
    "correspondent",
    "magistrate",
    "lawyer",
    "councilman",
    "spaniard",
    "frenchman",
    "frenchwoman",
    "briton",
    "dutchman",
    "englishman",
    "newsman",
    "newswoman",
    "teacher",
    "professor",
    "student",
];

/// People a name is given to: "a foreigner named Erika Suleman".
pub const NAMED_PEOPLE: &[&str] = &[
    "man",
    "woman",
    "boy",
    "girl",
    "foreigner",
    "person",
    "youth",
    "citizen",
    "national",
    "student",
    "teacher",
    "priest",
    "journalist",
    "officer",
    "soldier",
    "suspect",
    "leader",
];

/// Whether the words before the word at `a` give a person's name: a title
/// ("Dr", "businessman") or "a foreigner named". `at(k)` is the word at `k`,
/// in lower case.
pub fn names_person<'t>(at: impl Fn(usize) -> &'t str, a: usize) -> bool {
    a >= 1 && contains(TITLES, at(a - 1))
        || a >= 2 && matches!(at(a - 1), "named" | "called") && contains(NAMED_PEOPLE, at(a - 2))
}

/// Words before a name that make it a person's, as two-word phrases' last words.
pub const KINSHIP: &[&str] = &[
    "son", "daughter", "wife", "husband", "brother", "sister", "father", "mother",
];

/// Things named after a place or a person, as (name, the word after it):
/// "a Molotov cocktail" is no bombing in Molotov (Perm's old name).
pub const EPONYMS: &[(&str, &str)] = &[
    ("Molotov", "cocktail"),
    ("Molotov", "cocktails"),
    ("Bangalore", "torpedo"),
    ("Bangalore", "torpedoes"),
    ("Claymore", "mine"),
    ("Claymore", "mines"),
    ("Kalashnikov", "rifle"),
    ("Kalashnikov", "rifles"),
    ("Stockholm", "syndrome"),
    ("Trojan", "horse"),
    ("Russian", "roulette"),
];

/// Words of a reaction to an incident ("condemned the murder of", "the
/// investigation into the killing", "trial for the assassination"): the
/// incident after them is referred to, not told.
pub const REACTIONS: &[&str] = &[
    "condemn",
    "condemns",
    "condemned",
    "condemning",
    "condemnation",
    "denounce",
    "denounces",
    "denounced",
    "denouncing",
    "repudiate",
    "repudiates",
    "repudiated",
    "deplore",
    "deplores",
    "deplored",
    "regret",
    "regrets",
    "regretted",
    "investigate",
    "investigates",
    "investigated",
    "investigating",
    "investigation",
    "clarify",
    "clear",
    "trial",
    "tried",
    "punish",
    "punishment",
    "mourn",
    "mourned",
    "mourning",
    "protest",
    "protested",
    "commemorate",
    "commemorated",
    "anniversary",
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
/// (venues, divisions; with [`TOWN_WORDS`] and directions, [`place_word`]): "Kabul Airport", "Kunduz Province".
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
    "department",
];

/// Lower-case words after a name that make it a town (dropped from the place).
/// ("Danghara district", "Sarbaz County": a county or municipality is
/// placed at its seat, which bears its name.)
pub const TOWN_WORDS: &[&str] = &[
    "district",
    "county",
    "municipality",
    "city",
    "town",
    "village",
];

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
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "far",
];

/// Compass directions and their bearings in degrees: "20 km northeast of Osh".
pub const BEARINGS: &[(&str, f64)] = &[
    ("north", 0.0),
    ("northeast", 45.0),
    ("north-east", 45.0),
    ("east", 90.0),
    ("southeast", 135.0),
    ("south-east", 135.0),
    ("south", 180.0),
    ("southwest", 225.0),
    ("south-west", 225.0),
    ("west", 270.0),
    ("northwest", 315.0),
    ("north-west", 315.0),
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

/// Verbs of news told: the place after "reported in" is where it was told.
pub const REPORTING_VERBS: &[&str] = &[
    "reported",
    "said",
    "announced",
    "stated",
    "broadcast",
    "declared",
    "confirmed",
    "disclosed",
    "revealed",
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

/// Nouns after a place's possessive that make the place its government, an
/// actor ("Moscow's missteps", "Tehran's response").
pub const POLICY_NOUNS: &[&str] = &[
    "missteps",
    "mistakes",
    "policy",
    "policies",
    "decision",
    "decisions",
    "response",
    "position",
    "stance",
    "support",
    "influence",
    "demands",
    "relations",
    "ties",
    "approach",
    "strategy",
    "accusations",
    "refusal",
    "allies",
    "envoy",
    "ambassador",
    "foreign",
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
/// an intention, a habit or a trend, not something that happened ("is
/// expected to attack", "could attack", "plans to carry out bombings", "a
/// report assessed", "routinely detain", "violence has been on the rise").
pub const FORECASTS: &[&[&str]] = &[
    &["expected"],
    &["expects"],
    &["could"],
    &["might"],
    &["may"],
    &["would"],
    &["should"],
    &["must"],
    &["plans", "to"],
    &["plan", "to"],
    &["planning", "to"],
    &["planned", "to"],
    &["planned", "a"],
    &["planned", "an"],
    &["intends", "to"],
    &["intend", "to"],
    &["set", "to"],
    &["likely", "to"],
    &["threatens", "to"],
    &["threatened", "to"],
    &["threatened", "a"],
    &["threatened", "an"],
    &["threatening", "to"],
    &["aims", "to"],
    &["seeks", "to"],
    &["want", "to"],
    &["wants", "to"],
    &["wanted", "to"],
    &["ready", "to"],
    &["prepared", "to"],
    &["willing", "to"],
    &["assessed"],
    &["assesses"],
    &["assessment"],
    &["forecast"],
    &["predicted"],
    &["warned", "of"],
    &["risk", "of"],
    &["danger", "of"],
    &["threat", "of"],
    &["capable", "of"],
    &["strengthened", "its", "presence"],
    // Habits and trends: no one incident.
    &["routinely"],
    &["regularly"],
    &["frequently"],
    &["usually"],
    &["typically"],
    &["on", "the", "rise"],
    // "Suicide attacks are rare in Tajikistan": what is rare or common.
    &["are", "rare"],
    &["are", "common"],
    &["are", "uncommon"],
    &["are", "frequent"],
    &["are", "infrequent"],
    &["remain", "rare"],
    &["to", "prevent"],
];

/// Words before a publication's or a firm's name ("Turkish daily Hurriyet",
/// "the Milanese firm Torno").
pub const PUBLICATION_WORDS: &[&str] = &[
    "daily",
    "weekly",
    "newspaper",
    "broadcaster",
    "channel",
    "website",
    "portal",
    "outlet",
    "tabloid",
    "firm",
    "company",
];

/// Phrases of a photo caption ("A view of the burnt-out hall is seen on
/// March 23"): it shows an incident told in the story, and its date is the
/// photo's.
pub const CAPTIONS: &[&[&str]] = &[
    &["is", "seen"],
    &["are", "seen"],
    &["is", "pictured"],
    &["are", "pictured"],
    &["a", "view", "of"],
    &["a", "view", "shows"],
];

/// Verbs of seizing weapons: "police seized explosives and grenades" tells
/// a find, not a bombing.
pub const SEIZURES: &[&str] = &[
    "seized",
    "seizing",
    "seizure",
    "confiscated",
    "confiscating",
    "found",
    "discovered",
    "cache",
];

/// Arms named beside a weapon word ("ammunition and explosives"): the words are a list of arms.
pub const ARMS: &[&str] = &[
    "ammunition",
    "weapons",
    "arms",
    "rifles",
    "firearms",
    "detonators",
];

/// Event words that are also weapons' names: told after a verb of
/// [`SEIZURES`] in their clause, or before "launcher", they are arms, not events.
pub const WEAPON_WORDS: &[&str] = &[
    "explosives",
    "explosive",
    "grenade",
    "grenades",
    "dynamite",
    "rocket",
    "rockets",
    "mortar",
    "mortars",
    "bomb",
    "bombs",
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
    contains(PLACE_WORDS, word) || contains(TOWN_WORDS, word) || contains(DIRECTIONS, word)
}

/// The provinces' other names (`gazetteer/admin1-names.csv`), among them
/// their peoples' names.
static ADMIN1_NAMES: &str = include_str!("../../gazetteer/admin1-names.csv");

/// Whether a word (lower case) is listed as the name of a province's people
/// or its adjective ("chechens", "dagestani"), or beside them.
pub fn province_people(word: &str) -> bool {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    listed(&WORDS, word, || {
        ADMIN1_NAMES
            .lines()
            .filter(|l| l.contains("demonyms"))
            .filter_map(|l| l.split(',').nth(1))
            .flat_map(|names| names.split('|'))
            .map(str::to_lowercase)
            .collect()
    })
}

/// The peoples of regions (`gazetteer/area-demonyms.csv`): "Kurdish", "Kurds".
static AREA_DEMONYMS: &str = include_str!("../../gazetteer/area-demonyms.csv");

/// Whether a word (lower case) names a region's people or is its adjective
/// ("kurdish guerrillas"): the geocoder places it at the region, an article
/// never tells an incident there by it.
pub fn region_people(word: &str) -> bool {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    listed(&WORDS, word, || {
        csv::Reader::from_reader(AREA_DEMONYMS.as_bytes())
            .records()
            .filter_map(Result::ok)
            .filter_map(|r| r.get(1).map(str::to_lowercase))
            .flat_map(|names| names.split('|').map(str::to_string).collect::<Vec<_>>())
            .collect()
    })
}

/// Whether `word` is among the words `build` lists, built and sorted once into `words`.
fn listed(words: &OnceLock<Vec<String>>, word: &str, build: impl FnOnce() -> Vec<String>) -> bool {
    let words = words.get_or_init(|| {
        let mut words = build();
        words.sort();
        words
    });
    words.binary_search_by(|w| w.as_str().cmp(word)).is_ok()
}

/// The country code of a country adjective or people's name.
pub fn demonym(word: &str) -> Option<&'static str> {
    DEMONYMS.iter().find(|(w, _)| *w == word).map(|(_, cc)| *cc)
}
