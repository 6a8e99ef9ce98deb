/*
 * words.h: the vocabulary and sentence templates of bench/gen, a forum
 * about relationships and mental health.
 *
 * Every list is in order of how common its entries are: bench/gen draws
 * from each with a Zipf distribution over that order, so the first words
 * are everywhere and the last ones are rare.  Entries hold no '%'.
 *
 * Templates are text with slots, filled when a post is written:
 *	%p  a person ("partner", "best friend"), used after "my"
 *	%N  a first name
 *	%n  a thing (noun)
 *	%a  an adjective
 *	%f  a feeling ("anxious", "drained")
 *	%v  a verb, %d its past, %g its -ing form
 *	%r  an adverb
 *	%T  a span of time ("three weeks")
 *	%e  an event ("the breakup")
 *	%h  a habit or activity ("going for walks")
 *	%l  a place ("at work")
 *	%t  one of the question's topics (its tags as words)
 *	%k  a word of the question's category
 *	%x  a rare word
 *	%q  an age in years ("34")
 * A sentence's first letter is capitalized when it is written.
 */
#ifndef BENCH_WORDS_H
#define BENCH_WORDS_H

/* A category: slug, name, description, parent index (-1 for a root). */
struct wcat {
	const char	*slug;
	const char	*name;
	const char	*description;
	int		 parent;
	const char	*words;		/* '|'-separated words for %k */
};

/* Parents come before their children; depth is at most 3. */
static const struct wcat wcats[] = {
	{ "relationships", "Relationships", "Partners, love, trust and "
	  "everything in between.", -1,
	  "relationship|love|trust|commitment|communication|affection|"
	  "intimacy|argument|compromise|respect|attention|quality time|"
	  "connection|future together|feelings" },
	{ "dating", "Dating", "Meeting people, first dates and new "
	  "relationships.", 0,
	  "date|first date|crush|chemistry|attraction|flirting|second date|"
	  "texting|rejection|butterflies|exclusivity|mixed signals" },
	{ "online-dating", "Online dating", "Profiles, matches and "
	  "meeting strangers from the internet.", 1,
	  "profile|match|swipe|bio|photos|messages|catfish|video call|"
	  "conversation|opener|ghosting|red flags" },
	{ "dating-apps", "Dating apps", "Living with the apps: burnout, "
	  "safety and what works.", 2,
	  "app|notifications|likes|premium|algorithm|matches|unmatch|"
	  "swiping|prompts|super like|subscription" },
	{ "marriage", "Marriage", "Married life, long-term partnership and "
	  "keeping it working.", 0,
	  "marriage|spouse|wedding|vows|in-laws|household|chores|finances|"
	  "anniversary|routine|counselling|sex life|honeymoon phase" },
	{ "breakups", "Breakups & divorce", "Ending things, getting over "
	  "someone, separation and divorce.", 0,
	  "breakup|ex|no contact|closure|divorce|custody|separation|"
	  "heartbreak|moving on|rebound|lawyer|getting back together" },
	{ "friendship", "Friendship", "Making, keeping and sometimes "
	  "losing friends.", 0,
	  "friend|friendship|group chat|plans|loyalty|drifting apart|"
	  "invitation|favour|gossip|support|catching up|inside jokes" },
	{ "mental-health", "Mental health", "Moods, minds and looking "
	  "after them.", -1,
	  "mental health|mood|diagnosis|symptoms|coping|support|stigma|"
	  "self-care|wellbeing|crisis|recovery|triggers" },
	{ "anxiety", "Anxiety", "Worry, fear and living with an anxious "
	  "mind.", 7,
	  "anxiety|worry|nervousness|dread|fear|what-ifs|racing thoughts|"
	  "tension|reassurance|avoidance|uncertainty|catastrophizing" },
	{ "panic", "Panic attacks", "Sudden waves of fear and their "
	  "physical symptoms.", 8,
	  "panic attack|heart racing|chest tightness|dizziness|breathing|"
	  "shaking|numbness|grounding|adrenaline|hyperventilating|"
	  "fear of dying" },
	{ "social-anxiety", "Social anxiety", "Fear of being judged, "
	  "small talk and crowded rooms.", 8,
	  "social anxiety|small talk|eye contact|blushing|crowds|parties|"
	  "phone calls|presentations|judgement|embarrassment|meetings" },
	{ "depression", "Depression", "Low mood, lost motivation, and the "
	  "way back.", 7,
	  "depression|low mood|numbness|emptiness|motivation|fatigue|"
	  "hopelessness|bed|shower|energy|appetite|dark thoughts" },
	{ "trauma", "Trauma & PTSD", "Living with what happened, and "
	  "healing from it.", 7,
	  "trauma|flashbacks|nightmares|triggers|hypervigilance|memories|"
	  "abuse|safety|dissociation|EMDR|healing|survivor" },
	{ "sleep", "Sleep", "Insomnia, nightmares and tired days.", 7,
	  "sleep|insomnia|bedtime|waking up|melatonin|nightmares|naps|"
	  "alarm|tiredness|sleep schedule|screen time|dreams" },
	{ "family", "Family", "Parents, siblings, children and family "
	  "conflict.", -1,
	  "family|relatives|holidays|family dinner|expectations|"
	  "upbringing|guilt|home|traditions|family history" },
	{ "parenting", "Parenting", "Raising children while looking after "
	  "yourself.", 14,
	  "parenting|kids|children|school|discipline|screen time|"
	  "bedtime routine|tantrums|co-parenting|daycare|homework" },
	{ "teenagers", "Teenagers", "Moody, secretive, wonderful teenagers "
	  "and their parents.", 15,
	  "teenager|teen|phone|curfew|grades|friends|privacy|moods|"
	  "social media|vaping|independence|rebellion" },
	{ "toddlers", "Babies & toddlers", "Sleepless nights, new parents "
	  "and the first years.", 15,
	  "baby|toddler|newborn|feeding|nap|crying|postpartum|nursery|"
	  "milestones|sleep training|teething|maternity leave" },
	{ "parents-siblings", "Parents & siblings", "Grown children, ageing "
	  "parents, brothers and sisters.", 14,
	  "parents|mother|father|sibling|sister|brother|inheritance|"
	  "caregiving|childhood|favouritism|estrangement|old wounds" },
	{ "therapy", "Therapy & treatment", "Therapy, medication, and "
	  "finding the help that fits.", -1,
	  "therapy|treatment|therapist|session|appointment|progress|"
	  "diagnosis|waiting list|psychiatrist|referral|homework" },
	{ "finding-help", "Finding help", "Where to start, what it costs, "
	  "and who to ask.", 19,
	  "GP|referral|waiting list|insurance|cost|helpline|counsellor|"
	  "first appointment|intake|sliding scale|clinic" },
	{ "medication", "Medication", "Antidepressants and other "
	  "psychiatric medication.", 19,
	  "medication|dose|side effects|antidepressant|SSRI|prescription|"
	  "tapering|pharmacy|withdrawal|psychiatrist|refill" },
	{ "self-help", "Self-help", "Books, habits and exercises you can do "
	  "on your own.", 19,
	  "journal|habit|routine|workbook|exercise|worksheet|affirmations|"
	  "gratitude|podcast|checklist|tracking" },
	{ "mindfulness", "Mindfulness & meditation", "Breathing, "
	  "meditation and staying in the present.", 22,
	  "mindfulness|meditation|breathing|body scan|present moment|"
	  "awareness|yoga|guided meditation|calm|acceptance|noticing" },
	{ "work-study", "Work & study", "Stress, careers, school and "
	  "working life.", -1,
	  "work|job|career|boss|deadline|office|salary|interview|colleague|"
	  "promotion|workload|performance review" },
	{ "burnout", "Burnout", "Exhaustion from long-term stress, usually "
	  "at work.", 24,
	  "burnout|exhaustion|overtime|sick leave|workload|cynicism|"
	  "recovery|emails|weekends|boundaries|quitting" },
	{ "exams", "School & exams", "Exams, studying, university and "
	  "pressure.", 24,
	  "exam|studying|grades|university|college|revision|essay|thesis|"
	  "lecture|procrastination|finals|deadline" },
	{ "life", "Life & self", "Growing up, getting older, and who you "
	  "are.", -1,
	  "life|purpose|change|future|identity|age|goals|choices|meaning|"
	  "regret|new start|twenties|thirties" },
	{ "self-esteem", "Self-esteem", "Confidence, self-worth and the "
	  "inner critic.", 27,
	  "self-esteem|confidence|inner critic|comparison|body image|"
	  "self-worth|perfectionism|shame|compliments|people-pleasing" },
	{ "grief", "Grief & loss", "Loss, mourning, and living with it.",
	  27,
	  "grief|loss|funeral|death|mourning|anniversary|memories|"
	  "condolences|pet|goodbye|miscarriage|afterlife" },
};

/*
 * The most used tags, most common first, each with the category its
 * questions go to (an index in wcats[]).  The other tags are made by
 * putting a word of tag_mods[] before a one-word tag of this list.
 */
static const struct wtag {
	const char	*name;
	int		 cat;
} wtags[] = {
	{ "anxiety", 8 }, { "relationships", 0 }, { "depression", 11 },
	{ "therapy", 19 }, { "communication", 0 }, { "stress", 24 },
	{ "self-esteem", 28 }, { "dating", 1 }, { "breakup", 5 },
	{ "family", 14 }, { "marriage", 4 }, { "trust", 0 },
	{ "friendship", 6 }, { "loneliness", 27 }, { "boundaries", 0 },
	{ "panic-attacks", 9 }, { "sleep", 13 }, { "parenting", 15 },
	{ "overthinking", 8 }, { "jealousy", 0 }, { "work", 24 },
	{ "social-anxiety", 10 }, { "grief", 29 }, { "motivation", 11 },
	{ "medication", 21 }, { "burnout", 25 }, { "insomnia", 13 },
	{ "confidence", 28 }, { "conflict", 0 }, { "divorce", 5 },
	{ "online-dating", 2 }, { "mindfulness", 23 }, { "cbt", 19 },
	{ "anger", 7 }, { "guilt", 7 }, { "parents", 18 },
	{ "trauma", 12 }, { "exams", 26 }, { "procrastination", 26 },
	{ "cheating", 0 }, { "ex", 5 }, { "self-care", 22 },
	{ "ptsd", 12 }, { "teenagers", 16 }, { "adhd", 7 },
	{ "emotions", 7 }, { "intimacy", 4 }, { "long-distance", 0 },
	{ "moving-on", 5 }, { "in-laws", 4 }, { "siblings", 18 },
	{ "perfectionism", 28 }, { "dating-apps", 3 }, { "sertraline", 21 },
	{ "ssri", 21 }, { "meditation", 23 }, { "journaling", 22 },
	{ "shame", 28 }, { "fear", 8 }, { "health-anxiety", 8 },
	{ "ocd", 7 }, { "bipolar", 7 }, { "body-image", 28 },
	{ "toddlers", 17 }, { "newborn", 17 }, { "postpartum", 17 },
	{ "school", 26 }, { "university", 26 }, { "career", 24 },
	{ "boss", 24 }, { "coworkers", 24 }, { "money", 4 },
	{ "sex", 4 }, { "commitment", 0 }, { "first-date", 1 },
	{ "rejection", 1 }, { "ghosting", 2 }, { "texting", 1 },
	{ "crush", 1 }, { "attachment", 0 }, { "codependency", 0 },
	{ "narcissism", 0 }, { "abuse", 12 }, { "gaslighting", 0 },
	{ "forgiveness", 0 }, { "apology", 0 }, { "arguments", 0 },
	{ "kids", 15 }, { "mother", 18 }, { "father", 18 },
	{ "estrangement", 18 }, { "caregiving", 18 }, { "death", 29 },
	{ "pet-loss", 29 }, { "miscarriage", 29 }, { "funeral", 29 },
	{ "suicidal-thoughts", 7 }, { "self-harm", 7 }, { "crisis", 7 },
	{ "hopelessness", 11 }, { "fatigue", 11 }, { "numbness", 11 },
	{ "crying", 11 }, { "appetite", 11 }, { "nightmares", 13 },
	{ "melatonin", 13 }, { "routine", 22 }, { "habits", 22 },
	{ "exercise", 22 }, { "breathing", 23 }, { "yoga", 23 },
	{ "gratitude", 22 }, { "therapist", 20 }, { "counselling", 20 },
	{ "psychiatrist", 20 }, { "waiting-list", 20 }, { "insurance", 20 },
	{ "helpline", 20 }, { "antidepressants", 21 }, { "side-effects", 21 },
	{ "tapering", 21 }, { "fluoxetine", 21 }, { "escitalopram", 21 },
	{ "venlafaxine", 21 }, { "bupropion", 21 }, { "dbt", 19 },
	{ "emdr", 12 }, { "act", 19 }, { "group-therapy", 19 },
	{ "flashbacks", 12 }, { "dissociation", 12 }, { "hypervigilance", 12 },
	{ "childhood", 18 }, { "inner-child", 12 }, { "people-pleasing", 28 },
	{ "comparison", 28 }, { "imposter-syndrome", 24 }, { "identity", 27 },
	{ "purpose", 27 }, { "quarter-life-crisis", 27 }, { "midlife", 27 },
	{ "aging", 27 }, { "change", 27 }, { "decisions", 27 },
	{ "regret", 27 }, { "hope", 7 }, { "resilience", 22 },
	{ "phobia", 8 }, { "agoraphobia", 8 }, { "public-speaking", 10 },
	{ "small-talk", 10 }, { "shyness", 10 }, { "introvert", 10 },
	{ "parties", 10 }, { "phone-calls", 10 }, { "blushing", 10 },
	{ "heart-palpitations", 9 }, { "dizziness", 9 },
	{ "chest-pain", 9 }, { "grounding", 9 }, { "avoidance", 8 },
	{ "worry", 8 }, { "reassurance", 8 }, { "rumination", 8 },
	{ "sunday-scaries", 24 }, { "deadlines", 24 }, { "overtime", 25 },
	{ "sick-leave", 25 }, { "quitting", 25 }, { "job-search", 24 },
	{ "unemployment", 24 }, { "interviews", 24 }, { "studying", 26 },
	{ "thesis", 26 }, { "grades", 26 }, { "roommates", 6 },
	{ "best-friend", 6 }, { "friend-breakup", 6 }, { "making-friends", 6 },
	{ "group-chat", 6 }, { "wedding", 4 }, { "engagement", 4 },
	{ "pregnancy", 17 }, { "infertility", 4 }, { "moving-in", 0 },
	{ "chores", 4 }, { "finances", 4 }, { "affair", 4 },
	{ "polyamory", 0 }, { "age-gap", 1 }, { "lgbtq", 0 },
	{ "coming-out", 14 }, { "religion", 14 }, { "culture", 14 },
	{ "holidays", 14 }, { "christmas", 14 }, { "birthdays", 14 },
	{ "co-parenting", 15 }, { "custody", 5 }, { "stepfamily", 15 },
	{ "tantrums", 17 }, { "sleep-training", 17 }, { "screen-time", 16 },
	{ "social-media", 16 }, { "bullying", 16 }, { "puberty", 16 },
	{ "vaping", 16 }, { "curfew", 16 }, { "no-contact", 5 },
	{ "closure", 5 }, { "rebound", 5 }, { "heartbreak", 5 },
	{ "situationship", 1 }, { "red-flags", 2 }, { "catfishing", 2 },
	{ "profile", 2 }, { "matches", 3 }, { "swiping", 3 },
	{ "loneliness-at-night", 27 }, { "eating", 7 }, { "binge-eating", 7 },
	{ "alcohol", 7 }, { "addiction", 7 }, { "sobriety", 7 },
	{ "weed", 7 }, { "caffeine", 13 }, { "naps", 13 },
	{ "dreams", 13 }, { "body-scan", 23 }, { "acceptance", 23 },
	{ "self-compassion", 28 }, { "affirmations", 22 }, { "workbook", 22 },
	{ "podcasts", 22 }, { "books", 22 }, { "nature", 22 },
	{ "pets", 27 }, { "dogs", 27 }, { "cats", 27 },
	{ "loss", 29 }, { "anniversary", 29 }, { "condolences", 29 },
	{ "memories", 29 }, { "afterlife", 29 }, { "hospital", 7 },
	{ "diagnosis", 7 }, { "autism", 7 }, { "chronic-pain", 7 },
	{ "illness", 7 }, { "seasonal-depression", 11 }, { "winter", 11 },
};

/* Words put before a one-word tag to make the rarer tags. */
static const char *const tag_mods[] = {
	"work", "family", "teen", "college", "morning", "night", "social",
	"sudden", "chronic", "adult", "childhood", "postpartum", "holiday",
	"weekend", "online", "long-term", "new", "mild", "severe", "daily",
	"school", "partner", "parent", "sibling", "friend", "relationship",
	"dating", "marriage", "exam", "health", "money", "body", "travel",
	"summer", "winter", "senior", "student", "remote", "night-shift",
	"first-time", "single", "lgbtq", "military", "rural", "expat",
	"grief", "burnout", "sleep", "anger", "trust", "phone", "car",
	"pet", "gym", "church", "music", "art", "sports", "gaming",
};

/* People, as in "my %p". */
static const char *const wpeople[] = {
	"partner", "boyfriend", "girlfriend", "husband", "wife", "mom",
	"best friend", "friend", "dad", "mother", "sister", "brother",
	"boss", "therapist", "ex", "coworker", "roommate", "parents",
	"family", "son", "daughter", "fiance", "fiancee", "manager",
	"mother-in-law", "father", "grandmother", "kids", "colleague",
	"ex-wife", "ex-husband", "doctor", "girlfriend's mother",
	"neighbour", "cousin", "aunt", "uncle", "stepdad", "stepmom",
	"flatmate", "teacher", "professor", "teammate", "grandfather",
	"childhood friend", "twin", "landlord", "counsellor", "psychiatrist",
	"GP", "nephew", "niece", "father-in-law", "sister-in-law",
	"brother-in-law", "godmother", "mentor", "supervisor", "classmate",
	"lab partner", "bandmate", "sponsor", "half-brother", "half-sister",
	"stepson", "stepdaughter", "foster mom", "pen pal", "carer",
};

/* First names. */
static const char *const wnames[] = {
	"Sam", "Alex", "Emma", "Chris", "Sarah", "Jamie", "Mike", "Anna",
	"Tom", "Laura", "Dan", "Kate", "Ben", "Lisa", "Matt", "Jess",
	"David", "Rachel", "James", "Sophie", "Josh", "Emily", "Nick",
	"Hannah", "Mark", "Olivia", "Paul", "Chloe", "Ryan", "Mia", "Jake",
	"Megan", "Adam", "Amy", "Luke", "Grace", "Sean", "Julia", "Kevin",
	"Lucy", "Jordan", "Maria", "Daniel", "Zoe", "Eric", "Nina", "Liam",
	"Ella", "Noah", "Ava", "Ethan", "Leah", "Aaron", "Isabel", "Omar",
	"Priya", "Raj", "Aisha", "Mohammed", "Fatima", "Wei", "Mei", "Yuki",
	"Kenji", "Carlos", "Sofia", "Diego", "Lucia", "Pablo", "Ines",
	"Marco", "Giulia", "Luca", "Elena", "Jonas", "Lena", "Felix",
	"Clara", "Lars", "Freya", "Sven", "Ingrid", "Pierre", "Camille",
	"Louis", "Chiara", "Nikos", "Eleni", "Dmitri", "Olga", "Ivan",
	"Katya", "Tariq", "Leila", "Kwame", "Ama", "Tunde", "Zainab",
	"Hiro", "Sakura", "Min", "Ji-woo", "Arjun", "Ananya", "Vikram",
	"Deepa", "Mateo", "Valentina", "Santiago", "Camila", "Finn", "Maeve",
	"Declan", "Niamh", "Callum", "Isla", "Rhys", "Seren", "Oscar",
	"Alice", "Harry", "Ruby", "George", "Poppy", "Theo", "Iris",
	"Hugo", "Ada", "Milo", "Nora", "Jasper", "Hazel", "Silas", "Violet",
	"Ezra", "Ivy", "Rowan", "Wren", "Tobias", "Esme", "Rafael", "Noor",
	"Malik", "Imani", "Andre", "Keisha", "Darnell", "Tasha", "Gabe",
	"Tessa", "Wes", "Dana", "Morgan", "Casey", "Riley", "Quinn", "Avery",
	"Skyler", "Frankie", "Robin", "Charlie", "Kai", "Remy", "Sasha",
	"Nadia", "Bilal", "Yara", "Soren", "Astrid", "Bjorn", "Maja",
	"Henrik", "Elif", "Emre", "Ayse", "Mehmet", "Anya", "Boris",
};

/* Things. */
static const char *const wnouns[] = {
	"time", "thing", "day", "week", "job", "life", "people", "house",
	"phone", "work", "night", "weekend", "money", "year", "situation",
	"relationship", "conversation", "message", "problem", "feeling",
	"family", "mind", "plan", "text", "head", "future", "routine",
	"holiday", "party", "birthday", "apartment", "car", "school", "bed",
	"dinner", "evening", "morning", "month", "trip", "conversation",
	"advice", "question", "reason", "decision", "mistake", "chance",
	"promise", "habit", "body", "health", "support", "therapy",
	"appointment", "doctor", "email", "call", "photo", "wedding",
	"gift", "argument", "fight", "apology", "silence", "trust",
	"space", "energy", "patience", "break", "walk", "coffee", "drink",
	"bar", "movie", "show", "game", "song", "book", "letter", "card",
	"room", "kitchen", "office", "meeting", "project", "deadline",
	"salary", "rent", "bill", "debt", "loan", "savings", "budget",
	"promotion", "interview", "class", "exam", "grade", "degree",
	"lecture", "essay", "assignment", "team", "group", "club", "gym",
	"diet", "weight", "sleep", "dream", "nightmare", "memory",
	"childhood", "past", "secret", "lie", "truth", "story", "joke",
	"comment", "post", "profile", "account", "app", "chat", "reply",
	"voice note", "video", "picture", "outfit", "haircut", "dog", "cat",
	"garden", "city", "town", "village", "country", "flight", "train",
	"bus", "commute", "neighbourhood", "street", "park", "beach",
	"holiday season", "christmas", "new year", "summer", "winter",
	"spring", "autumn", "rain", "weather", "hospital", "pharmacy",
	"prescription", "diagnosis", "test results", "scan", "injury",
	"headache", "stomach ache", "back pain", "cold", "flu", "allergy",
	"wine", "beer", "cigarette", "vape", "snack", "breakfast", "lunch",
	"takeaway", "groceries", "laundry", "dishes", "chores", "mess",
	"schedule", "calendar", "alarm", "notification", "inbox", "news",
	"social media", "podcast", "playlist", "hobby", "guitar", "piano",
	"painting", "drawing", "camera", "bike", "run", "swim", "hike",
	"tent", "festival", "concert", "ticket", "restaurant", "cafe",
	"library", "church", "temple", "mosque", "community", "volunteer work",
	"charity", "shelter", "rescue dog", "kitten", "puppy", "fish tank",
	"plant", "balcony", "couch", "blanket", "pillow", "mattress",
	"shower", "bath", "mirror", "closet", "wardrobe", "suitcase",
	"passport", "visa", "contract", "lease", "landlord", "deposit",
	"mortgage", "renovation", "furniture", "rug", "lamp", "window",
	"door", "key", "lock", "wallet", "bank account", "credit card",
	"paycheck", "bonus", "raise", "pension", "tax return", "invoice",
	"client", "customer", "shift", "rota", "uniform", "desk", "laptop",
	"keyboard", "screen", "headphones", "charger", "password", "group chat",
	"anniversary", "date night", "honeymoon", "ring", "proposal",
	"engagement", "vow", "speech", "toast", "reception", "funeral",
	"grave", "urn", "eulogy", "will", "inheritance", "heirloom",
	"photo album", "diary", "journal", "notebook", "list", "note",
	"sticky note", "reminder", "goal", "resolution", "milestone",
	"setback", "relapse", "streak", "progress", "step", "risk",
	"boundary", "compromise", "deal", "agreement", "rule", "exception",
	"excuse", "pattern", "cycle", "trigger", "reaction", "response",
	"tone", "look", "smile", "hug", "kiss", "touch", "glance", "wave",
	"voice", "accent", "laugh", "tear", "sigh", "shrug", "silence",
};

/* Adjectives. */
static const char *const wadjs[] = {
	"good", "bad", "hard", "new", "big", "small", "long", "short",
	"normal", "weird", "different", "real", "whole", "same", "easy",
	"serious", "important", "honest", "close", "happy", "sad", "strange",
	"awkward", "nice", "kind", "rude", "cold", "distant", "busy",
	"quiet", "loud", "small", "old", "young", "recent", "last", "next",
	"simple", "complicated", "healthy", "toxic", "stable", "difficult",
	"stressful", "painful", "tiny", "huge", "constant", "random",
	"obvious", "clear", "vague", "sudden", "slow", "fast", "early",
	"late", "perfect", "terrible", "amazing", "boring", "exhausting",
	"fine", "okay", "basic", "genuine", "fake", "passive-aggressive",
	"supportive", "judgemental", "controlling", "caring", "gentle",
	"harsh", "fair", "unfair", "selfish", "generous", "jealous",
	"patient", "stubborn", "sensitive", "confident", "insecure",
	"independent", "clingy", "distracted", "focused", "tired",
	"overwhelming", "manageable", "scary", "safe", "risky", "awful",
	"lovely", "wonderful", "pointless", "useful", "helpful", "useless",
	"meaningful", "shallow", "deep", "heavy", "light", "dark", "bright",
	"empty", "full", "warm", "messy", "tidy", "expensive", "cheap",
	"free", "private", "public", "personal", "professional", "casual",
	"formal", "romantic", "physical", "emotional", "mental", "social",
	"financial", "medical", "legal", "practical", "realistic",
	"unrealistic", "reasonable", "unreasonable", "intense", "mild",
	"severe", "chronic", "temporary", "permanent", "daily", "weekly",
	"monthly", "occasional", "rare", "familiar", "unfamiliar", "local",
	"remote", "online", "offline", "open", "closed", "honest",
	"dishonest", "loyal", "respectful", "dismissive", "considerate",
	"thoughtless", "thoughtful", "careless", "careful", "reckless",
	"cautious", "brave", "anxious", "nervous", "calm", "relaxed", "tense",
	"chaotic", "peaceful", "noisy", "crowded", "lonely", "cosy",
	"bittersweet", "nostalgic", "hopeful", "hopeless", "grim", "cheerful",
	"sarcastic", "blunt", "polite", "shy", "outgoing", "introverted",
	"extroverted", "sociable", "reserved", "secretive", "transparent",
	"consistent", "inconsistent", "unpredictable", "predictable",
	"spontaneous", "organised", "disorganised", "lazy", "driven",
	"ambitious", "content", "restless", "bored", "curious", "cautious",
};

/* Feelings, as in "I feel %f". */
static const char *const wfeel[] = {
	"anxious", "tired", "stressed", "sad", "overwhelmed", "lonely",
	"guilty", "angry", "stuck", "lost", "exhausted", "scared",
	"worried", "hurt", "confused", "numb", "empty", "frustrated",
	"ashamed", "embarrassed", "jealous", "insecure", "hopeless",
	"drained", "nervous", "upset", "useless", "invisible", "unwanted",
	"rejected", "betrayed", "disappointed", "resentful", "bitter",
	"restless", "panicky", "on edge", "burnt out", "unmotivated",
	"heartbroken", "relieved", "hopeful", "grateful", "happy", "calm",
	"better", "worse", "fine", "okay", "awful", "terrible", "horrible",
	"miserable", "depressed", "low", "flat", "irritable", "moody",
	"paranoid", "self-conscious", "inadequate", "unlovable", "trapped",
	"suffocated", "neglected", "ignored", "misunderstood", "judged",
	"abandoned", "unappreciated", "taken for granted", "insignificant",
	"powerless", "helpless", "vulnerable", "exposed", "raw", "fragile",
	"shaky", "tearful", "homesick", "nostalgic", "conflicted", "torn",
	"uneasy", "uncomfortable", "awkward", "out of place", "detached",
	"disconnected", "foggy", "wired", "jittery", "sluggish", "heavy",
	"defeated", "discouraged", "demoralised", "apathetic", "indifferent",
	"envious", "possessive", "clingy", "needy", "obsessed", "infatuated",
	"giddy", "excited", "proud", "content", "peaceful", "safe", "loved",
	"seen", "heard", "supported", "understood", "accepted", "free",
};

/* Verbs: base form, past, -ing form, separated by spaces. */
static const char *const wverbs[] = {
	"talk talked talking", "sleep slept sleeping", "work worked working",
	"cry cried crying", "text texted texting", "call called calling",
	"try tried trying", "leave left leaving", "stay stayed staying",
	"relax relaxed relaxing", "focus focused focusing",
	"breathe breathed breathing", "eat ate eating", "drink drank drinking",
	"run ran running", "walk walked walking", "read read reading",
	"write wrote writing", "study studied studying", "cook cooked cooking",
	"clean cleaned cleaning", "exercise exercised exercising",
	"meditate meditated meditating", "journal journaled journaling",
	"rest rested resting", "sit sat sitting", "wait waited waiting",
	"listen listened listening", "think thought thinking",
	"worry worried worrying", "overthink overthought overthinking",
	"panic panicked panicking", "apologise apologised apologising",
	"argue argued arguing", "fight fought fighting",
	"forgive forgave forgiving", "open up opened up opening up",
	"shut down shut down shutting down", "move on moved on moving on",
	"let go let go letting go", "give up gave up giving up",
	"show up showed up showing up", "reach out reached out reaching out",
	"check in checked in checking in", "calm down calmed down calming down",
	"speak up spoke up speaking up", "back off backed off backing off",
	"slow down slowed down slowing down", "cheer up cheered up cheering up",
	"travel travelled travelling", "dance danced dancing",
	"sing sang singing", "paint painted painting", "draw drew drawing",
	"garden gardened gardening", "swim swam swimming",
	"cycle cycled cycling", "hike hiked hiking", "climb climbed climbing",
	"bake baked baking", "knit knitted knitting",
	"volunteer volunteered volunteering", "pray prayed praying",
	"vent vented venting", "scroll scrolled scrolling", "game gamed gaming",
	"binge binged binging", "drive drove driving",
	"commute commuted commuting", "shop shopped shopping",
	"save saved saving", "spend spent spending", "plan planned planning",
	"organise organised organising",
	"procrastinate procrastinated procrastinating",
	"celebrate celebrated celebrating", "visit visited visiting",
	"host hosted hosting", "date dated dating", "flirt flirted flirting",
	"smile smiled smiling", "laugh laughed laughing",
	"shout shouted shouting", "whisper whispered whispering",
	"complain complained complaining", "explain explained explaining",
	"pretend pretended pretending", "hide hid hiding",
	"avoid avoided avoiding", "freeze froze freezing",
	"shake shook shaking", "sweat sweated sweating",
	"blush blushed blushing", "stutter stuttered stuttering",
	"nap napped napping", "wake up woke up waking up",
	"get up got up getting up", "lie down lay down lying down",
	"stretch stretched stretching", "heal healed healing",
	"grieve grieved grieving", "recover recovered recovering",
	"relapse relapsed relapsing", "quit quit quitting",
	"resign resigned resigning", "retire retired retiring",
	"graduate graduated graduating", "move moved moving",
	"settle settled settling", "adjust adjusted adjusting",
	"cope coped coping", "struggle struggled struggling",
	"improve improved improving", "grow grew growing",
	"change changed changing", "learn learned learning",
	"practise practised practising", "train trained training",
	"compete competed competing", "perform performed performing",
	"present presented presenting", "teach taught teaching",
	"share shared sharing", "connect connected connecting",
	"belong belonged belonging", "fit in fitted in fitting in",
	"withdraw withdrew withdrawing", "isolate isolated isolating",
	"ruminate ruminated ruminating", "spiral spiralled spiralling",
	"doomscroll doomscrolled doomscrolling", "snap snapped snapping",
	"sulk sulked sulking", "nag nagged nagging", "tease teased teasing",
	"joke joked joking", "negotiate negotiated negotiating",
	"compromise compromised compromising", "decide decided deciding",
	"hesitate hesitated hesitating", "commit committed committing",
	"propose proposed proposing", "marry married marrying",
	"separate separated separating", "reconnect reconnected reconnecting",
	"heal up healed up healing up", "unwind unwound unwinding",
	"decompress decompressed decompressing",
	"recharge recharged recharging",
	"journal more journaled more journaling more",
	"socialise socialised socialising", "network networked networking",
	"babysit babysat babysitting", "parent parented parenting",
	"breastfeed breastfed breastfeeding", "rock rocked rocking",
	"soothe soothed soothing", "comfort comforted comforting",
	"reassure reassured reassuring", "encourage encouraged encouraging",
	"criticise criticised criticising", "compare compared comparing",
	"judge judged judging", "confess confessed confessing",
	"admit admitted admitting", "deny denied denying", "lie lied lying",
	"cheat cheated cheating", "snoop snooped snooping",
	"stalk stalked stalking", "block blocked blocking",
	"unfollow unfollowed unfollowing", "ghost ghosted ghosting",
	"swipe swiped swiping", "match matched matching",
};

/* Adverbs. */
static const char *const wadvs[] = {
	"really", "just", "always", "never", "honestly", "actually",
	"constantly", "suddenly", "slowly", "completely", "totally",
	"literally", "basically", "kind of", "sort of", "pretty much",
	"almost", "barely", "finally", "still", "already", "usually",
	"sometimes", "often", "rarely", "occasionally", "every day",
	"at night", "lately", "recently", "again", "anymore", "somehow",
	"quietly", "openly", "calmly", "angrily", "nervously", "awkwardly",
	"gently", "carefully", "desperately", "genuinely", "secretly",
	"obviously", "clearly", "apparently", "supposedly", "probably",
	"definitely", "maybe", "hopefully", "thankfully", "unfortunately",
	"surprisingly", "strangely", "weirdly", "oddly", "deeply",
	"badly", "barely", "mostly", "partly", "fully", "truly", "simply",
	"quickly", "immediately", "eventually", "gradually", "repeatedly",
	"endlessly", "obsessively", "compulsively", "instinctively",
};

/* Spans of time. */
static const char *const wtimes[] = {
	"a few weeks", "two years", "a year", "six months", "three months",
	"a couple of months", "two weeks", "a month", "a few days",
	"five years", "three years", "ten years", "a week", "four months",
	"eight months", "a decade", "almost a year", "over a year",
	"nearly two years", "a few months", "about a month", "three weeks",
	"eighteen months", "seven years", "fifteen years", "twenty years",
	"a couple of days", "since last summer", "since Christmas",
	"since the pandemic", "since university", "since I was a teenager",
	"since I was a kid", "most of my life", "the past year",
	"the last few weeks", "half a year", "nine months", "eleven years",
};

/* Events, with their article. */
static const char *const wevents[] = {
	"the breakup", "my divorce", "the move", "the wedding",
	"my mom's death", "the pandemic", "my new job", "the funeral",
	"the baby was born", "my diagnosis", "the accident", "the argument",
	"the holidays", "my graduation", "the layoffs", "our engagement",
	"my dad's surgery", "the miscarriage", "my promotion",
	"the affair came out", "we moved in together", "my exams",
	"the surgery", "my birthday", "the trip", "the fight",
	"my grandmother died", "our dog died", "I lost my job",
	"I started university", "I came out", "we got married",
	"the house fire", "the car crash", "my panic attack at work",
	"my first therapy session", "I stopped my medication",
	"the redundancy", "my retirement", "the custody hearing",
	"my brother's wedding", "the reunion", "the interview",
	"the lockdowns", "my sister's baby shower", "the flood",
	"my thesis defence", "the burglary", "the diagnosis came back",
	"my friend's betrayal", "the move abroad", "the IVF round",
};

/* Habits and activities, as -ing phrases. */
static const char *const whabits[] = {
	"going for walks", "journaling", "talking to friends",
	"deep breathing", "cutting down on coffee", "meditating",
	"going to the gym", "seeing a therapist", "taking a break from "
	"social media", "keeping a mood diary", "going to bed earlier",
	"reading before bed", "running", "yoga", "drinking less",
	"eating regular meals", "writing things down", "cold showers",
	"listening to podcasts", "calling my mom", "praying",
	"spending time outside", "doing a gratitude list", "setting alarms",
	"turning off notifications", "breathing exercises",
	"the 5-4-3-2-1 trick", "box breathing", "progressive muscle "
	"relaxation", "guided meditations", "talking to my GP",
	"a support group", "online therapy", "self-help books",
	"CBT worksheets", "cleaning the house", "gardening", "baking",
	"playing video games", "long baths", "weighted blankets",
	"cutting out alcohol", "sleeping in", "volunteering",
	"going to church", "swimming", "cycling to work", "painting",
	"learning guitar", "dancing in the kitchen", "walking the dog",
	"making to-do lists", "time blocking", "the pomodoro method",
	"a sleep app", "white noise", "magnesium", "herbal tea",
	"skipping screens before bed", "talking to a helpline",
	"a body scan", "stretching", "colouring books", "puzzles",
	"knitting", "hiking on weekends", "voice notes to myself",
	"therapy homework", "exposure exercises", "reaching out to old "
	"friends", "joining a club", "taking a class", "a day off",
	"a digital detox", "fasting", "a new diet", "vitamin D",
	"acupuncture", "massage", "a personal trainer", "boxing",
	"climbing", "pottery", "choir", "a book club", "language lessons",
};

/* Places, with their preposition. */
static const char *const wplaces[] = {
	"at work", "at home", "in bed", "at school", "in public",
	"at parties", "on the bus", "in the car", "at the gym",
	"in meetings", "at family dinners", "on the phone", "online",
	"in class", "at the supermarket", "at night", "in the shower",
	"at the office", "in lectures", "at the doctor's", "in the morning",
	"on dates", "at weddings", "at my parents' house", "at church",
	"on the train", "at restaurants", "in crowds", "at the pub",
	"on holiday", "in group chats", "at the park", "in queues",
	"at concerts", "at the dentist", "at job interviews",
};

/* Rare words: hobbies, foods, places, brands of life. */
static const char *const wrare[] = {
	"sourdough", "crochet", "ukulele", "pottery", "kayaking",
	"bouldering", "birdwatching", "origami", "calligraphy", "chess",
	"sudoku", "crosswords", "aquarium", "terrarium", "bonsai",
	"beekeeping", "woodworking", "embroidery", "quilting", "archery",
	"fencing", "rowing", "sailing", "surfing", "snowboarding",
	"skateboarding", "rollerblading", "parkour", "karate", "judo",
	"taekwondo", "jiu-jitsu", "kickboxing", "pilates", "zumba",
	"salsa", "tango", "ballet", "tap dancing", "karaoke", "open mic",
	"improv", "stand-up", "podcasting", "vlogging", "blogging",
	"photography", "astronomy", "stargazing", "geocaching", "foraging",
	"mushrooms", "houseplants", "succulents", "orchids", "tomatoes",
	"chickens", "goats", "horses", "hamsters", "guinea pigs", "rabbits",
	"parrots", "tortoises", "axolotls", "ferrets", "hedgehogs",
	"lasagna", "ramen", "dumplings", "tacos", "curry", "risotto",
	"pancakes", "waffles", "croissants", "bagels", "pho", "sushi",
	"kimchi", "falafel", "hummus", "paella", "goulash", "pierogi",
	"empanadas", "baklava", "tiramisu", "cheesecake", "brownies",
	"smoothies", "kombucha", "matcha", "espresso", "chai",
	"Lisbon", "Barcelona", "Berlin", "Prague", "Vienna", "Budapest",
	"Krakow", "Dublin", "Edinburgh", "Glasgow", "Manchester", "Leeds",
	"Bristol", "Cardiff", "Amsterdam", "Rotterdam", "Copenhagen",
	"Stockholm", "Oslo", "Helsinki", "Reykjavik", "Athens", "Istanbul",
	"Marrakesh", "Cairo", "Nairobi", "Lagos", "Cape Town", "Mumbai",
	"Bangalore", "Bangkok", "Hanoi", "Seoul", "Tokyo", "Osaka",
	"Melbourne", "Sydney", "Auckland", "Toronto", "Montreal",
	"Vancouver", "Chicago", "Seattle", "Portland", "Denver", "Austin",
	"Boston", "Brooklyn", "Mexico City", "Lima", "Santiago",
	"Buenos Aires", "Bogota", "Havana", "Tuscany", "Provence",
	"Cornwall", "the Highlands", "the Alps", "the Dolomites",
	"the Pyrenees", "Crete", "Sicily", "Sardinia", "Mallorca", "Bali",
	"campervan", "houseboat", "treehouse", "allotment", "greenhouse",
	"shed", "loft", "attic", "basement", "caravan", "cabin", "bungalow",
	"Tolkien", "Austen", "Murakami", "Dostoevsky", "Sylvia Plath",
	"Mary Oliver", "Rumi", "Brene Brown", "Esther Perel", "Pema Chodron",
	"Headspace", "Calm", "Duolingo", "Strava", "Spotify", "Discord",
	"Reddit", "TikTok", "Instagram", "WhatsApp", "Tinder", "Hinge",
	"Bumble", "Grindr", "OkCupid", "Minecraft", "Zelda", "Stardew Valley",
	"Animal Crossing", "Dungeons and Dragons", "Pokemon", "Tetris",
	"Mario Kart", "Skyrim", "Fortnite", "Wordle", "Lego", "jigsaws",
	"vinyl", "cassettes", "synthesizers", "drums", "violin", "cello",
	"saxophone", "harmonica", "banjo", "accordion", "bagpipes",
	"lavender", "chamomile", "valerian", "ashwagandha", "lithium",
	"lamotrigine", "quetiapine", "mirtazapine", "citalopram",
	"propranolol", "hydroxyzine", "buspirone", "trazodone", "pregabalin",
	"duloxetine", "vortioxetine", "aripiprazole", "methylphenidate",
	"lisdexamfetamine", "atomoxetine", "clonazepam", "lorazepam",
	"diazepam", "zopiclone", "melatonin gummies", "St John's wort",
	"omega-3", "magnesium glycinate", "iron tablets", "B12",
	"thyroid", "anaemia", "endometriosis", "PCOS", "menopause",
	"perimenopause", "tinnitus", "migraines", "eczema", "psoriasis",
	"asthma", "diabetes", "coeliac", "IBS", "fibromyalgia", "long covid",
	"vertigo", "sciatica", "scoliosis", "arthritis", "lupus",
	"night shifts", "night school", "apprenticeship", "internship",
	"gap year", "sabbatical", "redundancy pay", "probation period",
	"notice period", "tribunal", "union", "HR", "payroll", "spreadsheet",
	"quarterly report", "standup meeting", "hot desk", "open plan",
	"lanyard", "name badge", "team building", "away day", "secret santa",
	"office party", "leaving drinks", "exit interview", "cover letter",
	"LinkedIn", "portfolio", "freelancing", "side hustle", "bakery",
	"food truck", "bookshop", "record shop", "charity shop", "flea market",
	"car boot sale", "farmers market", "pub quiz", "bingo", "darts",
	"snooker", "bowling", "mini golf", "escape room", "laser tag",
	"trampoline park", "water park", "theme park", "zoo", "aquarium trip",
	"planetarium", "museum", "art gallery", "theatre", "opera", "ballet "
	"show", "circus", "pantomime", "fireworks", "bonfire night",
	"Eid", "Diwali", "Hanukkah", "Lunar New Year", "Thanksgiving",
	"Easter", "Ramadan", "Passover", "Halloween", "Valentine's Day",
	"Mother's Day", "Father's Day", "New Year's Eve", "Boxing Day",
};

/* Names anonymous posters give. */
static const char *const wanon[] = {
	"Anonymous", "anon", "a worried mum", "throwaway", "J.", "M.",
	"lost in my 20s", "tired dad", "just me", "A.", "S.", "someone",
	"nightowl", "quiet one", "curious", "hopeful", "lurker",
	"not ready to register", "K.", "guest", "first time here",
	"a friend", "R.", "worried sister", "student", "new here",
};

/* What some members say about themselves. */
static const char *const wabout[] = {
	"Just trying to figure things out.",
	"Peer supporter. Not a professional, just been there.",
	"Recovering people-pleaser.",
	"Mum of two, learning as I go.",
	"Counsellor in training. Nothing I write here is therapy.",
	"Living with %t, mostly winning.",
	"Here to listen.",
	"Night owl, dog person, overthinker.",
	"Former %t sufferer, now paying it forward.",
	"Psychology student.",
};

/* --- questions ------------------------------------------------------- */

/* Titles. */
static const char *const wtitles[] = {
	"How do I stop %g about my %p's %t?",
	"Is it normal to feel %f after %e?",
	"My %p doesn't take my %t seriously. What should I do?",
	"How do you deal with %t when you're already %f?",
	"Should I tell my %p about my %t?",
	"I feel %f all the time and I don't know why",
	"How do I talk to my %p about %t without a fight?",
	"Is my %p's %t a red flag?",
	"Can %h help with %t?",
	"%T after %e and I still feel %f",
	"How do I know if it's %t or just a %a phase?",
	"Feeling %f %l because of %t",
	"My %p and I keep arguing about %n",
	"How do I support my %p through %t?",
	"Is it too late to fix %t after %T?",
	"What helped you with %t?",
	"I can't stop %g %l. Is this %t?",
	"How to set boundaries with a %a %p?",
	"Does %h actually work for %t?",
	"I feel %f since %e. How do I move on?",
	"My %p says I'm %a. Am I?",
	"How do you cope with %t and a full-time job?",
	"Why do I feel %f whenever my %p is %a?",
	"Should I end things with my %p over %t?",
	"Dealing with %t %l, any tips?",
	"How long does %t last after %e?",
	"Anyone else get %t %l?",
	"Worried that my %p is %f all the time",
	"Is it selfish to want %n when my %p is struggling?",
	"How to stop comparing myself to my %p",
	"My %p wants more %n and I don't",
	"What do I say to a %p who is %f?",
	"First time dealing with %t, where do I start?",
	"I keep %g and it's ruining my %n",
	"Therapy for %t: is it worth it?",
	"How do I rebuild %n after %e?",
	"Me (%q) and my %p (%q): %t is slowly ruining everything",
	"My %p (%q) keeps %g whenever we talk about %t. Advice?",
	"Need advice: my %p is %f and I don't know how to help",
	"Long post, sorry: %T of %t and I'm running out of ideas",
	"Is it possible to get over %t without therapy, or am I kidding "
	"myself?",
	"How do I explain %t to a %p who has never had it?",
	"I (%q) feel %f every time my %p mentions %n, is that normal?",
	"What are realistic first steps for %t when you're %f %l?",
	"Update: talked to my %p about %t, now what?",
	"Serious question: does %t ever actually go away?",
	"After %e, my %p and I can't stop arguing about %n",
};

/* What some titles end with. */
static const char *const wtitle_ends[] = {
	", any advice?", " (long post, sorry)", " and I don't know what to do",
	": need some perspective", ", is this normal?", " (%q, first post)",
	" and it's affecting my %n",
};

/* The first sentence of a question. */
static const char *const wq_open[] = {
	"I've been dealing with %t for %T and it's getting worse.",
	"This is my first time posting here, so sorry if this is long.",
	"I don't really know where else to ask this.",
	"My %p and I have been together for %T.",
	"Ever since %e I've felt %f most of the time.",
	"For the past %T I've been struggling with %t.",
	"I'm %q and I've never talked to anyone about %t before.",
	"Some background first: I live with my %p and we both work full time.",
	"I'll try to keep this short but there's a lot going on.",
	"Throwaway-ish account because my %p knows my usual one.",
	"I need some outside perspective on %t.",
	"Something happened last %n and I can't stop thinking about it.",
	"I've read a lot of posts here about %t but none quite like mine.",
	"Okay, so this might sound %a, but hear me out.",
	"Long story short, %e changed everything for me.",
	"My therapist suggested I ask other people about %t.",
};

/* Sentences of a question's story. */
static const char *const wq_story[] = {
	"Every time I try to %v, I end up feeling %f.",
	"My %p says I'm overreacting, but I feel %f.",
	"It started %T ago, right after %e.",
	"I get really %f %l and I don't know why.",
	"Last week my %p told me I'm %a, and it really hurt.",
	"We used to %v together all the time, but now we barely talk.",
	"I've tried %h, but it only helps for a day or two.",
	"Most nights I lie awake thinking about %t.",
	"I know it sounds %a, but the %k is what gets to me.",
	"My %p doesn't know about any of this.",
	"When I brought it up, my %p just %d and changed the subject.",
	"I keep telling myself it's just a %a phase.",
	"Some days are fine, and then out of nowhere I feel %f again.",
	"It's affecting my %n and my %n too.",
	"I used to love %h, and now I can't be bothered.",
	"My %p thinks I should just %v more, which isn't helpful.",
	"The worst part is the %k, especially %l.",
	"I'm not sure if this is %t or if I'm just %f.",
	"We had a %a argument about the %n and neither of us apologised.",
	"I'm %r %f, and I hate that it shows %l.",
	"My %p and %N both noticed I've been %f lately.",
	"I've been %g a lot more than usual.",
	"I don't want to be the %a person who always needs %n.",
	"Nothing really happened, which makes it even more confusing.",
	"I feel like I'm failing at %n, at %k, at everything.",
	"At first I thought it was just the %n, but it kept happening.",
	"It's been %T and I still think about %e every day.",
	"I told %N about it and she said it sounds like %t.",
	"I told %N about it and he said I should talk to my %p.",
	"I keep %g %l, and people are starting to notice.",
	"I don't have anyone I can really talk to about %k.",
	"My %p is %a and %a, which doesn't make it easier.",
	"I've read that %h helps with %t, but I don't know where to start.",
	"When I'm %f I just want to %v and not see anyone.",
	"It feels %a to even write this down.",
	"Even small things like the %n make me feel %f.",
	"I think part of it is my %k.",
	"We've talked about %t before, but nothing changed.",
	"I'm scared that if I say something, my %p will %v.",
	"I can function, I go to work and everything, but inside I'm %f.",
	"The only thing that calms me down is %x.",
	"We met through %x, of all things.",
	"I moved here for my %n %T ago and don't know anyone yet.",
	"My %p wants us to %v more, and I just want to %v.",
	"I'm %r worried this is affecting my %p too.",
	"Honestly I'm %f and %f at the same time.",
	"I tried to explain how the %k makes me feel, and it came out wrong.",
	"It gets worse %l, or whenever someone mentions %t.",
};

/* Intros of a question's list of things tried. */
static const char *const wq_list[] = {
	"Things I've already tried:", "What I've tried so far:",
	"A few things that might matter:", "Some context:",
	"What I've noticed:", "Things that make it worse:",
	"What usually happens:",
};

/* Items of that list. */
static const char *const wq_item[] = {
	"%h, for about %T", "talking to my %p about it", "%h (didn't help)",
	"%h, which helped a little", "avoiding %n", "ignoring it",
	"it's worse %l", "it started after %e", "I feel %f afterwards",
	"my %p gets %f when I bring it up", "%h and %h",
	"reading about %t", "seeing my GP (waiting list is %T)",
	"I can't %v anymore", "it's better when I %v",
};

/* Quotes of what someone said or wrote. */
static const char *const wq_quote[] = {
	"I just need some %n right now, it's not about you.",
	"You're being %a again.",
	"Can we not do this now?",
	"I love you but I'm %f.",
	"You always make everything about %t.",
	"I think we should take a break.",
	"You need to %v more and stop %g.",
};

/* The closing question. */
static const char *const wq_close[] = {
	"Has anyone been through something like this?",
	"How do I get past this?",
	"Is this normal, or should I be worried?",
	"Any advice would be appreciated.",
	"What would you do in my place?",
	"Should I talk to my %p or just let it go?",
	"How do I bring this up without it turning into a fight?",
	"Am I overthinking this?",
	"Where do I even start with %t?",
	"Does it get better?",
	"Is it worth trying %h, or should I see someone?",
	"Thanks for reading this far.",
	"TL;DR: %t is wrecking my %n and I don't know what to do.",
	"Sorry for the wall of text, I'm just %f.",
	"Any books or resources on %t would help too.",
};

/* Edit notes appended to edited posts. */
static const char *const wedits[] = {
	"**Edit:** thanks everyone for the kind replies, I'm reading all "
	"of them.",
	"**Edit:** to answer a few questions, we've been together for %T.",
	"**Update:** I talked to my %p last night and it went better than "
	"I expected.",
	"**Edit:** I've booked an appointment with my GP.",
	"**Edit:** fixed a few typos.",
	"**Update:** tried %h for a week, it helps a bit.",
	"**Edit:** I should add that I'm already %g.",
};

/* Why a question was closed. */
static const char *const wclose[] = {
	"off-topic", "needs more detail", "unclear what is being asked",
	"asks for medical advice only a professional can give",
	"opinion-based",
};

/* Link targets and their texts. */
static const char *const wlinks[] = {
	"https://www.example.org/articles/", "https://example.com/blog/",
	"https://www.example.net/guides/", "https://help.example.org/",
	"https://example.org/research/",
};
static const char *const wlink_text[] = {
	"this article about %t", "a guide on %t", "a post I found",
	"this page", "this study about %h", "a video about %t",
	"the NHS page", "a thread here",
};

/* --- answers ----------------------------------------------------------- */

/* Openings of an answer. */
static const char *const wa_open[] = {
	"I went through something really similar a few years ago.",
	"First of all, what you're feeling is completely valid.",
	"I'm sorry you're dealing with this.",
	"This sounds really hard, and I think you're handling it better than "
	"you think.",
	"I'm a %p myself, so I've seen this from the other side.",
	"Speaking as someone who has had %t for %T:",
	"Short answer: yes, it's normal.",
	"I'd gently push back on one thing you said.",
	"You're not overreacting.",
	"Oh, I recognise this so much.",
	"A few thoughts, for what they're worth.",
	"I work in mental health, so here's my take (not medical advice).",
	"Honestly, I think you already know the answer.",
	"Hugs first.",
};

/* Sentences of an answer. */
static const char *const wa_body[] = {
	"What helped me most was %h.",
	"It took me %T to realise that %t wasn't my fault.",
	"Try to notice when you start %g and gently bring yourself back.",
	"Your %p might not understand %t, and that's okay.",
	"I'd recommend talking to your GP about %t.",
	"It sounds like you and your %p need a %a conversation about %k.",
	"Be patient with yourself; %t doesn't go away overnight.",
	"Have you considered %h?",
	"Write down what happens before you feel %f, and look for a pattern.",
	"Setting a %a boundary with your %p isn't selfish.",
	"When I was %f, I found that %h made a real difference.",
	"You can't control how your %p reacts, only how you %v.",
	"It might be worth finding a therapist who specialises in %t.",
	"Small steps count: even %h once a week is progress.",
	"Don't %v just because you feel you should.",
	"The %k part is very common, and it does get easier.",
	"Your feelings about %e make a lot of sense.",
	"I stopped %g and started %h, and it changed a lot for me.",
	"If your %p keeps being %a, that tells you something too.",
	"Try saying \"I feel %f when...\" instead of \"you always...\".",
	"A good therapist will help you work out what the %k is about.",
	"It's okay to take %T to figure this out.",
	"You deserve someone who is %a with you.",
	"Look after the basics: sleep, food, and a bit of %h.",
	"It sounds like %t is doing a lot of the talking here.",
	"My %p went through the same after %e, and what helped was %h.",
	"Ask yourself what you would tell a friend in your place.",
	"Sometimes %t is a sign that you need more %n in your life.",
	"I'd also check in with a doctor to rule out anything physical.",
	"The fact that you're asking shows you care about your %p.",
	"Please don't feel %f for needing help.",
	"I found %x surprisingly helpful when I was %f.",
	"Be gentle with yourself; you've had a %a %T.",
	"It's not selfish to want more %n.",
};

/* Intros of an answer's list of suggestions. */
static const char *const wa_list[] = {
	"A few things that helped me:", "What I'd try:",
	"Some practical ideas:", "Things my therapist taught me:",
	"In order, I'd:",
};

/* Suggestions. */
static const char *const wa_item[] = {
	"**%h** every day, even for ten minutes", "Talk to your %p when "
	"you're both calm", "Keep a diary of when you feel %f",
	"Try *%h* before bed", "Limit %n for a week and see how you feel",
	"Book an appointment with your GP", "Find a support group for %t",
	"Plan one %a thing to look forward to each week",
	"Say no to one thing this week", "Ask your %p for %n, clearly",
	"Read up on %t, but not at 2am", "Give it %T before you decide",
	"Write your %p a letter you don't send",
};

/* Closings of an answer. */
static const char *const wa_close[] = {
	"Good luck, and please update us.",
	"You've got this.",
	"Sending you strength.",
	"Take care of yourself.",
	"I hope some of this helps.",
	"Feel free to message me if you want to talk.",
	"It does get better, I promise.",
	"",
};

/* --- comments ---------------------------------------------------------- */

static const char *const wcomments[] = {
	"This is really helpful, thank you.",
	"Same here, %h helped me a lot.",
	"How long have you been dealing with %t?",
	"Have you talked to your %p about this?",
	"Thank you, I needed to hear this today.",
	"Did your %p ever apologise?",
	"I agree with this answer, especially the part about %k.",
	"Seconding %h.",
	"Could you say more about the %n?",
	"This. So much this.",
	"Sending hugs.",
	"I'm in the same situation, following.",
	"Thanks, I'll try %h.",
	"Update: I tried it and I feel a bit less %f.",
	"Not sure I agree, my %p would never %v.",
	"Please talk to someone you trust if it gets worse.",
	"Good point about %t.",
	"Which %n did you use?",
	"That's a %a way to put it.",
	"Can confirm, %x helped me too.",
	"I wish my %p had read this %T ago.",
	"Are you getting any sleep at all?",
	"I went through almost exactly this with my %p, and it took %T "
	"before things got better.",
	"Just wanted to say you're not alone in this, %t is exhausting.",
	"Have you thought about telling your %p how %f you've been?",
	"Honestly the part about feeling %f %l hit home for me.",
	"My therapist suggested %h for the same thing and it helped more "
	"than I expected.",
	"Please update us after you talk to your %p.",
	"Not the same situation, but %h has been a lifesaver for my %t.",
	"This answer deserves more upvotes.",
	"I disagree a bit: sometimes you need to %v first and talk later.",
	"The waiting list near me was %T, so don't give up if it's long.",
};

#endif /* !BENCH_WORDS_H */
