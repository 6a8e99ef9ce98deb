/*
 * demo.c: fill an empty database with the content of a small forum about
 * relationships and mental health, for trying the site and for tests.
 *
 * The content is in the tables below; a seeded random generator decides
 * who asks, answers, comments and votes, and when, so the same seed always
 * gives the same site.  Times are relative to `now': questions are spread
 * over the last 60 days, and anything that would lie in the future is left
 * out.  Posts are planned first, then written in order of creation, so
 * that ids increase with time.  Points follow the events that earn them
 * (points_log), and recount_all() sets every counter at the end.
 *
 * Points per event, the default points table of sql/004-voting.sql
 * (Question2Answer's defaults), under the event names of lib/points.c:
 *	base +100, q_post +2, a_post +4, q_voted_up +1, q_voted_down -1,
 *	a_voted_up +2, a_voted_down -2, vote_up/vote_down +1 (the voter),
 *	a_selected +30 (answerer), select_a +3 (asker), and "bonus" for the
 *	points long-standing members earned before the window the demo
 *	covers.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "demo.h"
#include "markdown.h"
#include "recount.h"
#include "util.h"

#define DAY		86400
#define HOUR		3600
#define MINUTE		60
#define WINDOW		(60 * DAY)	/* how far back the demo goes */
#define MAX_ANSWERS	6
#define MAX_QCOMMENTS	3
#define MAX_ACOMMENTS	2
#define MAX_QVOTES	8
#define MAX_AVOTES	10
#define MAX_TAGS	4

/* Topic groups: which answers fit a category. */
enum group {
	G_THERAPY,
	G_RELATIONSHIPS,
	G_ANXIETY,
	G_DEPRESSION,
	G_FAMILY,
	G_WORK,
	G_GENERIC,
	G__MAX
};

struct dcat {
	const char	*slug;
	const char	*name;
	const char	*description;
	int		 parent;	/* index in cats[], or -1 */
	enum group	 group;
};

/* Parents come before their children. */
static const struct dcat cats[] = {
	{ "psychotherapy", "Psychotherapy",
	  "Finding a therapist, what therapy is like, and the different "
	  "approaches.", -1, G_THERAPY },
	{ "relationships", "Relationships",
	  "Partners, friendships, breakups and everything in between.",
	  -1, G_RELATIONSHIPS },
	{ "dating", "Dating",
	  "Meeting people, first dates and new relationships.", 1,
	  G_RELATIONSHIPS },
	{ "online-dating", "Online dating",
	  "Apps, profiles, and meeting strangers from the internet.", 2,
	  G_RELATIONSHIPS },
	{ "anxiety", "Anxiety",
	  "Worry, panic, social anxiety and living with them.", -1,
	  G_ANXIETY },
	{ "depression", "Depression",
	  "Low mood, lost motivation, and the way back.", -1, G_DEPRESSION },
	{ "family", "Family",
	  "Parents, siblings, children and family conflict.", -1, G_FAMILY },
	{ "parenting", "Parenting",
	  "Raising children while looking after yourself.", 6, G_FAMILY },
	{ "work-study", "Work & Study",
	  "Stress, burnout, exams and working life.", -1, G_WORK },
};

struct dtag {
	const char	*name;
	const char	*description;
};

static const struct dtag tags[] = {
	{ "anxiety", "Worry and fear that get in the way of daily life." },
	{ "panic-attacks", "Sudden waves of intense fear and their "
	  "physical symptoms." },
	{ "social-anxiety", "Fear of being judged in social situations." },
	{ "depression", "Persistent low mood and loss of interest." },
	{ "therapy", "Talking therapies: finding, starting and making the "
	  "most of them." },
	{ "cbt", "Cognitive behavioural therapy." },
	{ "medication", "Antidepressants and other psychiatric medication." },
	{ "sleep", "" },
	{ "insomnia", "" },
	{ "breakup", "Ending a relationship and getting over one." },
	{ "dating", "" },
	{ "online-dating", "" },
	{ "marriage", "" },
	{ "divorce", "" },
	{ "trust", "" },
	{ "jealousy", "" },
	{ "communication", "Saying what you mean and hearing what others "
	  "mean." },
	{ "boundaries", "Deciding what you will and will not accept." },
	{ "self-esteem", "" },
	{ "loneliness", "" },
	{ "friendship", "" },
	{ "grief", "Loss and mourning." },
	{ "parenting", "" },
	{ "family", "" },
	{ "burnout", "Exhaustion from long-term stress, usually at work." },
	{ "stress", "" },
	{ "exams", "" },
	{ "procrastination", "" },
	{ "mindfulness", "" },
	{ "motivation", "" },
	{ "overthinking", "Rumination and thoughts that go round in circles." },
	{ "conflict", "" },
};

struct duser {
	const char	*handle;
	const char	*name;		/* display name, or NULL */
	int		 level;		/* 1 registered .. 6 super */
	int		 bonus;		/* points from before the window */
	int		 ask;		/* weight as an asker */
	int		 answer;	/* weight as an answerer */
	const char	*about;
};

static const struct duser users[] = {
	{ "amelia", "Amelia Hart", 6, 2800, 0, 3,
	  "Founder of this community. Former crisis-line volunteer." },
	{ "drkhan", "Dr. Sara Khan", 2, 4900, 0, 9,
	  "Clinical psychologist (CBT, ACT). What I write here is general "
	  "information, not therapy." },
	{ "jonas.w", "Jonas Weber", 4, 1500, 1, 4,
	  "Moderator. Ten years of living with panic disorder, mostly "
	  "winning." },
	{ "mira_k", "Mira K.", 3, 1200, 1, 6,
	  "Couples counsellor in training." },
	{ "sam-rivers", "Sam Rivers", 1, 0, 4, 1, "" },
	{ "lena", "Lena", 2, 2100, 0, 6,
	  "Psychiatric nurse. Night shifts, strong coffee." },
	{ "theo", NULL, 1, 0, 3, 1, "" },
	{ "priya.s", "Priya S.", 1, 150, 3, 2,
	  "Grad student, recovering perfectionist." },
	{ "noah_b", "Noah B.", 1, 0, 3, 1, "" },
	{ "ines", "Inês", 5, 600, 1, 2, "Keeps the lights on." },
	{ "daniel-m", "Daniel M.", 1, 80, 3, 2,
	  "Dad of two, learning as I go." },
	{ "yuki", "Yuki", 1, 0, 3, 1, "" },
	{ "grace.o", "Grace O.", 3, 900, 1, 5,
	  "Social worker. Family systems nerd." },
	{ "omar", "Omar", 1, 40, 2, 1, "" },
	{ "hannah_r", "Hannah R.", 1, 0, 3, 1,
	  "Introvert, bookworm, cat person." },
	{ "felix", "Felix", 1, 0, 2, 1, "" },
	{ "zoe-l", "Zoë L.", 1, 300, 1, 4, "Peer support worker." },
	{ "marco", "Marco", 1, 0, 3, 1, "" },
	{ "aisha", "Aisha", 4, 700, 1, 3, "Moderator. Ask me about sleep." },
	{ "ben.t", "Ben T.", 1, 0, 3, 1, "" },
};

#define MODERATOR	2	/* users[] index of the one who edits others */

struct dquestion {
	int		 cat;		/* index in cats[] */
	const char	*tags;		/* space-separated names from tags[] */
	const char	*title;
	const char	*text;		/* the first paragraphs of the body */
};

/*
 * The questions (by the start of their title) that ask something general
 * rather than tell a story, so a list of things tried would not fit.
 */
static const char *const general_questions[] = {
	"What is the actual difference",
	"How much does therapy",
	"Online therapy vs.",
	"How soon is too soon",
	"How long should you text",
	"Does caffeine",
	"Is it safe to stop",
	"Is it worth telling HR",
	"How do we handle holidays",
};

static const struct dquestion questions[] = {
	{ 0, "therapy self-esteem",
	  "How do I know if my therapist is the right fit for me?",
	  "I've been seeing a therapist for about *two months* now. She is "
	  "kind and I don't dread the sessions, but I leave most of them "
	  "feeling like we talked around the problem instead of about it.\n\n"
	  "Is that normal early on, or a sign I should look for someone "
	  "else? I don't want to quit just because therapy is "
	  "uncomfortable." },
	{ 0, "therapy cbt",
	  "What is the actual difference between CBT and psychodynamic "
	  "therapy?",
	  "My GP gave me a list of services and half of them say *CBT* and "
	  "the other half say *psychodynamic*. The websites all use the "
	  "same words (\"evidence-based\", \"holistic\") and I can't tell "
	  "what would actually happen in the room." },
	{ 0, "therapy communication",
	  "Is it okay to tell my therapist that I feel worse after our "
	  "sessions?",
	  "For the last few weeks I've come out of every session feeling "
	  "raw and exhausted, and it takes me a day to recover. I'm afraid "
	  "that if I say so she will think I'm criticising her." },
	{ 0, "therapy",
	  "How much does therapy usually cost, and are there cheaper "
	  "options?",
	  "I'm a student and the private therapists near me charge between "
	  "70 and 120 a session. That's **way** more than I can pay every "
	  "week. Are there options people here have used that didn't cost "
	  "a fortune?" },
	{ 0, "therapy self-esteem",
	  "I cried through my whole first session. Is that embarrassing?",
	  "I barely managed to say why I was there before I started crying, "
	  "and I didn't really stop for fifty minutes. The therapist was "
	  "very calm about it, but I'm mortified and half tempted to cancel "
	  "the next appointment." },
	{ 0, "therapy anxiety",
	  "Online therapy vs. seeing someone in person: does it make a "
	  "difference?",
	  "I have a choice between a video-call therapist I could see next "
	  "week and an in-person one with a **three-month** waiting list. "
	  "Part of me thinks talking to a screen won't feel real." },
	{ 0, "therapy family",
	  "My therapist wants to talk about my childhood but I don't see "
	  "the point",
	  "I went to therapy for stress at work. Now every session seems to "
	  "drift back to my parents and how things were at home when I was "
	  "ten. My childhood was *fine*, honestly. How do I bring us back "
	  "to what I came for?" },
	{ 1, "communication conflict marriage",
	  "My partner never wants to talk about problems. How do we stop "
	  "avoiding every conflict?",
	  "Whenever I bring up something that bothers me, my husband says "
	  "\"can we not do this now\" and leaves the room. Then a week "
	  "later it all comes out at once over something tiny. We've been "
	  "married six years and this pattern is wearing me down." },
	{ 1, "trust marriage communication",
	  "How do you rebuild trust after a partner has lied about money?",
	  "I found out my wife has been hiding a credit card debt for over "
	  "a year. She says she was ashamed and meant to fix it before I "
	  "noticed. I believe her, but I keep checking the bank app and I "
	  "hate that I'm doing it." },
	{ 1, "jealousy trust",
	  "I get jealous when my girlfriend texts her ex. Am I being "
	  "unreasonable?",
	  "They broke up four years ago and are \"just friends\". I know "
	  "nothing is going on, and she has never given me a reason to "
	  "doubt her, but every time his name lights up her phone my "
	  "stomach drops." },
	{ 1, "breakup overthinking",
	  "Three months after the breakup I still check his Instagram "
	  "every day",
	  "I know it's not good for me. I've unfollowed him, but I still "
	  "type his name in the search bar every evening, and then I spend "
	  "the night wondering who the people in his photos are." },
	{ 1, "friendship boundaries",
	  "How do I set boundaries with a friend who only calls when she "
	  "needs something?",
	  "We've been friends since school. Lately she only gets in touch "
	  "when she needs a lift, a loan or someone to vent to for two "
	  "hours, and she never asks how **I** am." },
	{ 1, "marriage communication",
	  "We love each other but want different things: kids or no kids",
	  "My partner has always said he wasn't sure about children. Now "
	  "that we're both 35 he has decided he definitely doesn't want "
	  "them, and I definitely do. Neither of us wants to break up." },
	{ 1, "loneliness friendship",
	  "How do I make new friends in my thirties after moving to a new "
	  "city?",
	  "I moved for a job eight months ago. Colleagues are friendly but "
	  "everyone goes home to their own lives at five. Weekends are the "
	  "worst: I sometimes don't speak to anyone from Friday to "
	  "Monday." },
	{ 1, "breakup grief",
	  "Is it normal to feel relieved after a breakup and then guilty "
	  "about feeling relieved?",
	  "I ended a five-year relationship last month. The first week I "
	  "felt *lighter* than I had in years, and now I feel terrible "
	  "about that, as if it means I'm a cold person." },
	{ 2, "dating communication",
	  "How soon is too soon to say \"I love you\"?",
	  "We've been seeing each other for seven weeks and I'm pretty sure "
	  "I'm in love. I almost said it last night and stopped myself. Is "
	  "there a rule, or is that just something films made up?" },
	{ 2, "dating social-anxiety",
	  "I freeze up on first dates and can't think of anything to say",
	  "Texting is fine, I'm funny and relaxed over text. Then we meet "
	  "and my mind goes completely blank, I answer in single words and "
	  "spend the whole evening planning my next sentence." },
	{ 2, "dating therapy",
	  "Should I tell someone I'm dating that I'm in therapy?",
	  "I've had three dates with someone I really like. Therapy is a "
	  "big part of my week at the moment and it feels strange to hide "
	  "it, but I also don't want to scare her off." },
	{ 2, "dating breakup overthinking",
	  "How do I stop comparing every new person to my ex?",
	  "It's been a year. I'm dating again, and every time someone is "
	  "nice to me my brain goes \"*he* would have done it better\" or "
	  "\"*he* would never have said that\"." },
	{ 3, "online-dating self-esteem",
	  "Dating apps make me feel worthless. Should I just delete them?",
	  "I've been on two apps for six months. A handful of matches, most "
	  "conversations die after two messages, and I catch myself judging "
	  "my own face in the mirror afterwards." },
	{ 3, "online-dating dating",
	  "How long should you text someone from an app before meeting in "
	  "person?",
	  "One friend says meet within a week or don't bother, another says "
	  "never meet before a video call. I've been chatting with someone "
	  "for two weeks and I don't know if I'm being too slow." },
	{ 3, "online-dating self-esteem overthinking",
	  "Got ghosted after four great dates. What did I do wrong?",
	  "Everything seemed to be going well: long dinners, plans for a "
	  "concert next month. Then nothing. No reply for ten days. I keep "
	  "rereading our messages looking for the moment I ruined it." },
	{ 4, "panic-attacks anxiety",
	  "How do you calm down during a panic attack when breathing "
	  "exercises don't help?",
	  "Everyone tells me to breathe slowly. When a panic attack hits, "
	  "focusing on my breathing makes me **more** aware of my heart "
	  "racing and it gets worse. What else works?" },
	{ 4, "overthinking insomnia anxiety",
	  "I lie awake replaying every conversation I had during the day",
	  "As soon as the lights go off I start going through everything I "
	  "said at work: was that joke weird, did I sound rude in that "
	  "meeting. Some nights it takes me two hours to fall asleep." },
	{ 4, "social-anxiety friendship",
	  "Social anxiety is making me want to skip my best friend's "
	  "wedding",
	  "I'm supposed to give a short speech in front of 120 people. I "
	  "love her and I want to be there, but I've started having "
	  "nightmares about it and I'm seriously considering inventing an "
	  "excuse." },
	{ 4, "anxiety sleep",
	  "Does caffeine really make anxiety worse?",
	  "I drink four or five coffees a day. My anxiety has been bad this "
	  "year and someone suggested cutting down, but honestly coffee is "
	  "the only thing that gets me through the afternoon." },
	{ 4, "anxiety overthinking",
	  "Health anxiety: I google every symptom and always end up "
	  "convinced it's the worst",
	  "A headache becomes a brain tumour, a mole becomes melanoma. My "
	  "doctor has run tests and everything is fine, and the relief "
	  "lasts about a day." },
	{ 4, "anxiety stress boundaries",
	  "How do I explain to my boss that I have an anxiety disorder?",
	  "I've been diagnosed with generalised anxiety disorder and I "
	  "think a few small changes at work would help a lot. I'm scared "
	  "that once I say it, I'll be seen as fragile." },
	{ 4, "medication anxiety depression",
	  "Is it safe to stop taking sertraline once I feel better?",
	  "I've been on 50 mg for nine months and I feel like myself again. "
	  "I'd like to stop, but I've read stories about withdrawal and I "
	  "don't know whether to just skip it for a few days and see." },
	{ 4, "mindfulness anxiety",
	  "Mindfulness apps just make me more anxious. Is something wrong "
	  "with me?",
	  "Every body scan turns into *noticing my heartbeat* and then "
	  "worrying about my heartbeat. Everyone swears by these apps and "
	  "I feel like I'm failing at relaxing." },
	{ 5, "depression motivation",
	  "How do I get out of bed when everything feels pointless?",
	  "Most mornings I wake up at seven and don't get up until noon. "
	  "It isn't that I'm tired, I just can't find a single reason to "
	  "move. I've stopped answering messages too." },
	{ 5, "depression therapy medication",
	  "What helped you most in the first weeks of recovering from "
	  "depression?",
	  "I started medication and therapy three weeks ago. I'm told it "
	  "takes time, and I believe it, but the waiting is hard. I'd love "
	  "to hear what actually made a difference for others." },
	{ 5, "depression friendship communication",
	  "My friends say I've changed and I don't know how to explain "
	  "depression to them",
	  "I cancel plans, I'm quiet when I do show up, and one friend told "
	  "me I seem \"not interested anymore\". I *am* interested, I just "
	  "don't have anything left." },
	{ 5, "depression sleep",
	  "Is sleeping twelve hours a day a sign of depression or just "
	  "being tired?",
	  "Since the winter started I sleep ten to twelve hours and still "
	  "wake up exhausted. My mood is flat but I wouldn't call myself "
	  "sad." },
	{ 5, "grief depression",
	  "Grief or depression? My dad died a year ago and I still can't "
	  "enjoy anything",
	  "People keep saying it gets easier with time. It's been a year "
	  "and things I used to love still feel grey. I don't know if this "
	  "is what grief is supposed to feel like or if something else is "
	  "going on." },
	{ 5, "depression boundaries marriage",
	  "How do you support a partner who is depressed without burning "
	  "out yourself?",
	  "My husband was diagnosed with depression in the spring. I've "
	  "taken over the house, the bills and most of the parenting, and "
	  "I'm starting to feel resentful, which makes me feel awful." },
	{ 5, "depression motivation",
	  "Exercise is supposed to help with depression but I can barely "
	  "walk to the shop",
	  "Every article says *exercise is as good as antidepressants*. "
	  "That just makes me feel worse, because on most days walking to "
	  "the corner shop is all I can manage." },
	{ 6, "family boundaries self-esteem",
	  "My mother criticises everything I do, even though I'm 34",
	  "My job, my flat, my haircut, how I raise my kids. I come home "
	  "from every visit feeling fifteen again. When I've tried to say "
	  "something, she says I'm too sensitive." },
	{ 6, "family conflict marriage",
	  "How do we handle holidays when both families expect us at the "
	  "same time?",
	  "Every December turns into a negotiation. Both sets of parents "
	  "feel hurt whichever way we choose, and my partner and I end up "
	  "arguing with each other instead." },
	{ 6, "family communication",
	  "My brother drinks too much and nobody in the family will talk "
	  "about it",
	  "At every family dinner he is drunk by the main course. My "
	  "parents make excuses for him and change the subject when I bring "
	  "it up." },
	{ 6, "family boundaries grief",
	  "Going no-contact with a parent: how did you decide it was the "
	  "right thing?",
	  "My father has been verbally abusive for as long as I can "
	  "remember. I've reduced contact to a call a month, and even that "
	  "leaves me shaking. I'm thinking about stopping completely." },
	{ 6, "divorce family stress",
	  "My parents are divorcing after 30 years and I'm the one "
	  "everyone calls",
	  "Mum calls to complain about Dad, Dad calls to complain about "
	  "Mum, and my sister calls to ask what they said. I'm 29 and I "
	  "feel like the family switchboard." },
	{ 7, "parenting communication",
	  "My teenage son barely talks to us anymore. Is this normal?",
	  "He's 15. He used to tell us everything; now he answers in "
	  "grunts and spends every evening in his room. His grades are "
	  "fine. How worried should we be?" },
	{ 7, "parenting depression",
	  "How do I talk to my eight-year-old about my own depression?",
	  "She has noticed that I'm in bed a lot and that I cry sometimes. "
	  "I don't want to scare her, but I also don't want her to think "
	  "it's her fault." },
	{ 7, "parenting anxiety insomnia",
	  "Postnatal anxiety: I can't stop checking if the baby is "
	  "breathing",
	  "Our daughter is ten weeks old. I get up five or six times a "
	  "night just to check on her, even when she's sleeping quietly "
	  "right next to me." },
	{ 8, "burnout stress",
	  "How do I recover from burnout when I can't afford to quit my "
	  "job?",
	  "I'm exhausted in a way a weekend doesn't fix anymore. Everyone "
	  "online says *take a sabbatical* or *change careers*, which "
	  "isn't possible for me right now." },
	{ 8, "exams anxiety",
	  "Exam anxiety: I know the material but my mind goes blank",
	  "I study for weeks and can explain everything to my friends. "
	  "Then I sit down in the exam hall, read the first question and "
	  "nothing is there. I failed a module this way last term." },
	{ 8, "procrastination self-esteem motivation",
	  "Procrastination is ruining my thesis and I hate myself for it",
	  "My deadline is in four months. Most days I open the document, "
	  "read the last paragraph, and then somehow it's evening and I've "
	  "cleaned the whole flat." },
	{ 8, "boundaries stress burnout",
	  "My manager messages me at 11 pm. How do I set boundaries "
	  "without risking my job?",
	  "He never says it's urgent, but if I reply in the morning he "
	  "mentions that he \"was waiting\". I've started sleeping with my "
	  "phone under the pillow." },
	{ 8, "depression stress",
	  "Is it worth telling HR about my depression to get adjustments "
	  "at work?",
	  "A flexible start time would make a big difference to me. I "
	  "don't know what HR is allowed to share, or whether it would "
	  "follow me around." },
	{ 8, "loneliness motivation",
	  "Working from home alone all day is making me lonely and flat",
	  "Since my team went fully remote I can go days without seeing "
	  "another person except the delivery driver. I used to like "
	  "working from home; now I dread Mondays." },
	{ 0, "therapy medication depression",
	  "Therapy or medication first?",
	  "My doctor says that for moderate depression I could try either, "
	  "or both. I'm wary of medication, but the waiting list for therapy "
	  "is long. How did you decide?" },
	{ 5, "depression",
	  "Feeling numb all the time",
	  "Not sad exactly. Just *nothing*. Good news, bad news, it all "
	  "feels the same distance away. I still go to work and nobody "
	  "notices." },
	{ 1, "marriage communication loneliness",
	  "We've been together for nine years and lately I feel more like "
	  "his flatmate than his partner. Is this just what long "
	  "relationships turn into?",
	  "We get along, we split the chores, we watch the same series in "
	  "the evening. But we barely touch, we never really talk, and I "
	  "can't remember the last time he asked how I was *really* "
	  "doing." },
};

/* Opening paragraph of a question's list, and the list items. */
static const char *const list_intros[] = {
	"What I have tried so far:",
	"Things I've already tried:",
	"Some of what I've done so far, in case it matters:",
	"So far I have tried:",
};

static const char *const list_items[] = {
	"writing down what goes through my head",
	"going for a walk every evening",
	"talking it through with a close friend",
	"a meditation app (*Headspace*) for about a month",
	"cutting down on coffee and alcohol",
	"reading *Feeling Good* by David Burns",
	"keeping a regular bedtime, even at weekends",
	"telling myself to just stop thinking about it (does **not** work)",
	"a couple of sessions with the counsellor at work",
	"talking to my GP, who mostly suggested waiting",
	"breathing exercises (4-7-8 breathing)",
	"exercise three times a week",
	"no social media after 9 pm",
	"reading old threads here",
};

static const char *const link_lines[] = {
	"I've read [the NHS mental health pages]"
	"(https://www.nhs.uk/mental-health/) but they feel very general.",
	"I found [this overview from the NIMH]"
	"(https://www.nimh.nih.gov/health/topics) useful, but it doesn't "
	"say what to do day to day.",
	"The [Mind information pages](https://www.mind.org.uk/"
	"information-support/) helped me put a name on it.",
	"I read a few articles (like [this one from the APA]"
	"(https://www.apa.org/topics/stress)) but I'm still not sure "
	"where to start.",
};

static const char *const closings[] = {
	"Any advice would be **really** appreciated.",
	"Has anyone been through something similar?",
	"Thanks for reading this far.",
	"I'd be grateful for any experiences, good or bad.",
};

static const char *const edits[] = {
	"**Edit:** thank you all for the thoughtful answers. I'm reading "
	"every one of them.",
	"**Update:** I tried some of the suggestions below and the first "
	"week went better than I expected.",
	"**Edit:** added a little more context after the first comments.",
};

/* Answers: an opening, a body that fits the topic, and a closing. */
static const char *const answer_openings[] = {
	"",
	"I went through something very similar a couple of years ago.",
	"First of all: you are not being silly for asking this.",
	"This resonates a lot.",
	"Short answer: you're not alone in this, and there is a lot you "
	"can do.",
	"",
	"Someone said this to me once and it helped, so passing it on.",
};

static const char *const answer_closings[] = {
	"",
	"Take care of yourself.",
	"Good luck, and be gentle with yourself while you figure it out.",
	"If things ever feel unsafe, please contact a crisis line or "
	"emergency services. You deserve help right away.",
	"Let us know how it goes.",
	"",
};

/*
 * An answer either to the one question whose title starts with key, where
 * it is always the first answer, or (key NULL) to any question of its
 * group.
 */
struct danswer {
	enum group	 group;
	const char	*key;
	const char	*text;
};

static const struct danswer answers[] = {
	{ G_THERAPY, "How do I know if my therapist",
	  "Give it an honest conversation before you give up. Say in the "
	  "session exactly what you wrote here: *I feel like we talk around "
	  "things*. A good therapist will welcome that, and how they react "
	  "tells you a lot about whether the fit is right." },
	{ G_THERAPY, "What is the actual difference",
	  "Roughly:\n\n"
	  "- **CBT** looks at the link between thoughts, feelings and "
	  "behaviour *now*, with homework and a set number of sessions.\n"
	  "- **Psychodynamic** therapy looks for patterns that started "
	  "earlier in life and shows up in your relationships, usually "
	  "open-ended.\n\n"
	  "Neither is better in general; the relationship with the "
	  "therapist predicts outcomes more than the method does." },
	{ G_THERAPY, "Is it okay to tell my therapist",
	  "Therapists *want* to know this. Feeling worse for a while can "
	  "be part of working through something painful, but it can also "
	  "mean the pace is too fast. Only the two of you can work out "
	  "which, and only if you tell them." },
	{ G_THERAPY, "How much does therapy",
	  "Cheaper options worth checking:\n\n"
	  "1. your university's counselling service (usually free);\n"
	  "2. training clinics, where supervised trainees see clients at "
	  "low cost;\n"
	  "3. sliding-scale fees: many private therapists keep a few "
	  "places for people on low incomes, you just have to ask;\n"
	  "4. group therapy, which is often cheaper and surprisingly "
	  "effective." },
	{ G_THERAPY, "I cried through",
	  "Crying in a first session is one of the most ordinary things "
	  "that happens in therapy. It usually means something important "
	  "finally had room to come out. Your therapist has seen it many "
	  "times and will not think less of you." },
	{ G_RELATIONSHIPS, "My partner never wants",
	  "What worked for us was agreeing on a *time* to talk instead of "
	  "talking whenever the problem came up. Twenty minutes on a "
	  "Sunday, phones away, one topic each. It took the ambush out of "
	  "it, and my partner stopped walking away." },
	{ G_RELATIONSHIPS, "I get jealous",
	  "Try to separate the feeling from the behaviour. The feeling "
	  "(jealousy, hurt, wanting to check) is allowed. What you *do* "
	  "with it is the part you can work on, and it helps to say the "
	  "feeling out loud to your partner before it turns into checking "
	  "or accusing." },
	{ G_RELATIONSHIPS, "Three months after",
	  "No contact means no *looking*, too. Ask a friend to change your "
	  "password on the app for a month if you have to. Every time you "
	  "look, you reset the clock on getting over it." },
	{ G_RELATIONSHIPS, "We love each other",
	  "A couples counsellor can be really useful for exactly this kind "
	  "of impasse. Not to decide for you, but to help each of you say "
	  "what is underneath the position. Sometimes there is more room "
	  "than it looks; sometimes there isn't, and that is worth knowing "
	  "too." },
	{ G_RELATIONSHIPS, "How do I make new friends",
	  "Friendships in adulthood mostly come from *repeated, unplanned "
	  "contact*: the same class every week, a volunteer shift, a club. "
	  "Pick one thing and go at least six times before you judge it." },
	{ G_ANXIETY, "How do you calm down",
	  "When breathing makes it worse, try grounding through the "
	  "senses instead:\n\n"
	  "- name five things you can see,\n"
	  "- four you can touch,\n"
	  "- three you can hear.\n\n"
	  "Cold water on your face or holding an ice cube also works for "
	  "a lot of people. The attack *will* pass; it always does, even "
	  "when it feels like it won't." },
	{ G_ANXIETY, "I lie awake",
	  "Set a *worry time*: fifteen minutes in the early evening when "
	  "you write down everything on your mind. When the thoughts come "
	  "back at night, tell yourself they're already on the list and "
	  "you'll deal with them tomorrow at six. It sounds silly, and it "
	  "works surprisingly often." },
	{ G_ANXIETY, "Social anxiety is making",
	  "Avoidance makes anxiety grow. Each time you skip something to "
	  "avoid the fear, your brain learns that the situation was "
	  "dangerous. Small, planned steps towards it (with support) are "
	  "the core of most effective treatment, **exposure** in CBT "
	  "terms." },
	{ G_ANXIETY, "Is it safe to stop",
	  "Please don't stop an SSRI on your own. Talk to whoever "
	  "prescribed it: they will usually suggest tapering slowly over "
	  "weeks, which makes discontinuation symptoms much less likely." },
	{ G_ANXIETY, "Does caffeine",
	  "Caffeine mimics the physical side of anxiety: racing heart, "
	  "jitters, shallow breathing. Cut down *gradually* (one cup less "
	  "a week) or the withdrawal headaches will make you give up." },
	{ G_DEPRESSION, "How do I get out of bed",
	  "Make the first step absurdly small. Not *get up and shower*, "
	  "just *put your feet on the floor*. Then *sit up*. Depression "
	  "lies about how big every task is, and tiny steps are how you "
	  "call its bluff." },
	{ G_DEPRESSION, "What helped you most",
	  "What helped me most in the first weeks:\n\n"
	  "1. a fixed time to get up, even on bad days;\n"
	  "2. one short walk outside, daylight matters;\n"
	  "3. telling **one** friend what was going on, so I didn't have "
	  "to pretend.\n\n"
	  "The medication took about six weeks to really kick in for me." },
	{ G_DEPRESSION, "My friends say",
	  "You could send them something short and honest: *I'm dealing "
	  "with depression. It's not about you, and I still want to be "
	  "invited even when I say no.* The people worth keeping usually "
	  "respond well to that." },
	{ G_DEPRESSION, "Grief or depression",
	  "Grief and depression overlap a lot, and a year is not a "
	  "deadline. But if nothing at all brings any pleasure anymore, "
	  "it's worth talking to your doctor or a grief counsellor. You "
	  "don't have to work out which it is before asking for help." },
	{ G_DEPRESSION, "How do you support a partner",
	  "Supporting someone is a marathon. You need your own support, "
	  "too: a friend, a carers' group, your own therapist. Resentment "
	  "is a signal that you're giving more than you have, not a sign "
	  "that you're a bad partner." },
	{ G_FAMILY, "My mother criticises",
	  "You can't change how she talks, but you can change how long you "
	  "stay. Decide *before* the visit how long it will be, and leave "
	  "when the first comment comes: calmly, without a fight. Actions "
	  "set the boundary better than arguments." },
	{ G_FAMILY, "My brother drinks",
	  "It might help to read about how families organise around "
	  "someone's drinking. Al-Anon groups exist exactly for relatives "
	  "and are free. You're not the one who needs fixing, but you do "
	  "deserve support." },
	{ G_FAMILY, "My parents are divorcing",
	  "Try saying: *I love you both, and I'm not going to talk about "
	  "the other one with you.* Repeat it as often as needed. You're "
	  "allowed to step out of the middle." },
	{ G_FAMILY, "My teenage son",
	  "With teenagers, talk side by side rather than face to face: in "
	  "the car, cooking, walking the dog. Pulling away from parents at "
	  "15 is normal development. Watch for *changes* in sleep, eating, "
	  "friends or grades; those are the signs to act on." },
	{ G_FAMILY, "How do I talk to my eight",
	  "Children notice everything, and what scares them most is not "
	  "knowing. Something simple works: *Mum has an illness called "
	  "depression that makes her very tired and sad. It's not your "
	  "fault, and doctors are helping me.*" },
	{ G_WORK, "How do I recover from burnout",
	  "Burnout recovery without quitting is possible, but it needs "
	  "real changes, not just more rest:\n\n"
	  "- find what you can *stop* doing, not only what you can do "
	  "faster;\n"
	  "- protect your evenings like appointments;\n"
	  "- talk to your doctor about a short period of sick leave if "
	  "you need it.\n\n"
	  "A weekend can't fix a problem that is built into your week." },
	{ G_WORK, "Exam anxiety",
	  "For exams: practise under exam conditions, timed and in a "
	  "quiet room, so the real thing feels familiar. When you blank, "
	  "skip to a question you can answer. Getting one thing down "
	  "usually unlocks the rest." },
	{ G_WORK, "Procrastination is ruining",
	  "Break the thesis into pieces so small they feel *boring*: "
	  "\"write 150 words about the sample\". Work for 25 minutes with "
	  "a timer, then stop. Procrastination is usually about the "
	  "feeling the task gives you, not laziness." },
	{ G_WORK, "My manager messages",
	  "Put your working hours in your email signature and your status, "
	  "then simply answer at 9 am. If he comments, say it in a neutral "
	  "way: *I saw it first thing this morning*. Most managers adjust "
	  "once the pattern is clear." },
	{ G_WORK, "Is it worth telling HR",
	  "In many countries employers have to make reasonable adjustments "
	  "for a health condition, and HR has to keep it confidential. "
	  "Check your local rules, and you can ask for the adjustment "
	  "without giving a diagnosis, just the effect it has on your "
	  "work." },
	{ G_THERAPY, NULL,
	  "It's completely fine to bring this up *in* the session. Talking "
	  "about the therapy itself is part of therapy, and a good therapist "
	  "will be glad you did." },
	{ G_THERAPY, NULL,
	  "Before each session, jot down the one or two things you most "
	  "want to talk about. It keeps the hour from slipping away on the "
	  "week's small news, and it tells your therapist what matters to "
	  "you." },
	{ G_THERAPY, NULL,
	  "Remember you're the client. You can ask how they work, what the "
	  "plan is, and how you'll both know it's helping. Those are normal "
	  "questions, not rude ones." },
	{ G_RELATIONSHIPS, NULL,
	  "Try \"I\" statements instead of \"you\" statements: *I felt "
	  "hurt when...* instead of *You always...*. It sounds like a "
	  "cliché, but it really does change how the other person hears "
	  "you." },
	{ G_RELATIONSHIPS, NULL,
	  "Ask yourself what you would tell a friend in exactly this "
	  "situation. We're often much clearer about other people's "
	  "relationships than about our own." },
	{ G_RELATIONSHIPS, NULL,
	  "Whatever you decide, decide it for yourself and not to avoid an "
	  "awkward conversation. The awkward conversation is usually "
	  "shorter than the months of avoiding it." },
	{ G_ANXIETY, NULL,
	  "Anxiety lies about probabilities. Write down what you fear will "
	  "happen and, afterwards, what actually happened. After a few "
	  "weeks the difference is hard to argue with." },
	{ G_ANXIETY, NULL,
	  "Regular exercise is one of the best-supported ways to lower "
	  "baseline anxiety. Nothing heroic: a brisk 20-minute walk most "
	  "days is a good start." },
	{ G_ANXIETY, NULL,
	  "If this is affecting your daily life, **CBT for anxiety** has "
	  "very good evidence behind it, and many services offer it as a "
	  "short course, sometimes online." },
	{ G_DEPRESSION, NULL,
	  "Depression shrinks your world, so count small things as wins: a "
	  "shower, a meal, a message answered. They are not nothing; they "
	  "are the way back." },
	{ G_DEPRESSION, NULL,
	  "If you haven't yet, please talk to your doctor. Depression is a "
	  "medical condition and there are treatments that work, even if it "
	  "takes a couple of tries to find the right one." },
	{ G_DEPRESSION, NULL,
	  "Try to keep *some* structure: the same time to get up, one thing "
	  "planned for each day. Structure carries you on the days "
	  "motivation doesn't show up." },
	{ G_FAMILY, NULL,
	  "Families tend to have unwritten rules about what can be said. "
	  "Breaking one feels huge from the inside, and it is often a "
	  "relief for everyone once someone finally does." },
	{ G_FAMILY, NULL,
	  "You can love your family and still protect yourself from them. "
	  "Those two things are not in conflict, whatever guilt tells you." },
	{ G_FAMILY, NULL,
	  "A family therapist or counsellor can help even if you're the only "
	  "one who goes. Changing your own part in the pattern changes the "
	  "pattern." },
	{ G_WORK, NULL,
	  "Write down what you actually do in a week, hour by hour. It's "
	  "often eye-opening, and it gives you something concrete to bring "
	  "to your manager or tutor." },
	{ G_WORK, NULL,
	  "Your worth is not your productivity. It helps to say that out "
	  "loud when the voice in your head says otherwise." },
	{ G_WORK, NULL,
	  "Check whether your employer or university has an assistance "
	  "programme. Many offer a few free counselling sessions that people "
	  "never use because they don't know about them." },
	{ G_GENERIC, NULL,
	  "It might help to write down, for one week, when it's worst and "
	  "when it's a bit better. Patterns often show up that you can't "
	  "see day to day, and it gives you something concrete to bring to "
	  "a doctor or therapist." },
	{ G_GENERIC, NULL,
	  "I'd gently suggest talking to a professional about this, not "
	  "because something is *wrong* with you, but because you've been "
	  "carrying it alone for a while. You don't have to be in crisis "
	  "to deserve support." },
	{ G_GENERIC, NULL,
	  "Be as kind to yourself as you would be to a friend who told "
	  "you this. You'd never tell them they were weak or overreacting, "
	  "so try not to say it to yourself either." },
	{ G_GENERIC, NULL,
	  "Sleep, food, movement, daylight, people. When everything feels "
	  "hard, check those five first. They don't fix everything, but "
	  "they make everything else easier." },
	{ G_GENERIC, NULL,
	  "The [Mind](https://www.mind.org.uk/) website has good, plain "
	  "explanations and a list of helplines. Reading it before a "
	  "doctor's appointment helped me find the words." },
	{ G_GENERIC, NULL,
	  "You've already done the hardest part by putting it into words. "
	  "Now pick **one** small thing to try this week, not ten. Then "
	  "come back and tell us how it went." },
};

static const char *const qcomments[] = {
	"How long has this been going on?",
	"Have you talked to your GP about this at all?",
	"You're definitely not alone in this.",
	"Same here. Following this question.",
	"Could you say a bit more about what happens right before it "
	"starts?",
	"Sending you strength. This sounds really hard.",
	"Is there anyone in your life you can talk to about it?",
	"Great question, I've wondered the same thing.",
	"Does it get better or worse at weekends?",
	"I asked almost exactly this last year; the answers really "
	"helped me.",
};

static const char *const acomments[] = {
	"Thank you, this helps a lot.",
	"Seconding this, it worked for me too.",
	"I'll try this tonight and report back.",
	"+1 for seeing a professional.",
	"This is the most useful thing I've read about it.",
	"Good advice, though it took me a few weeks to notice a "
	"difference.",
	"I wish someone had told me this years ago.",
	"Could you say more about the *first step*?",
	"Thanks, I hadn't thought of it that way.",
	"Great answer. The part about being kind to yourself especially.",
};

static const char *const aedits[] = {
	"*Edit:* added a bit more detail after the comments.",
	"*Edit:* fixed a link and a typo.",
};

static const char *const anon_names[] = { "Maria", NULL, "Tom", NULL };

/* ---------------------------------------------------------------- */

/* xorshift64*, seeded through splitmix64 so that any seed works. */
struct rnd {
	uint64_t	 s;
};

/* Seed the generator; seed 0 is fine. */
static void
rnd_seed(struct rnd *r, uint64_t seed)
{
	uint64_t	 z = seed + 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	r->s = (z ^ (z >> 31)) | 1;
}

/* The next 64 random bits. */
static uint64_t
rnd_next(struct rnd *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ULL;
}

/* A number in [lo, hi] (lo <= hi). */
static int64_t
rnd_range(struct rnd *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)((rnd_next(r) >> 11) % (uint64_t)(hi - lo + 1));
}

/* True with probability pct percent. */
static bool
rnd_pct(struct rnd *r, int pct)
{
	return rnd_range(r, 0, 99) < pct;
}

/* ---------------------------------------------------------------- */

/* A post as planned, before it is written. */
struct ppost {
	int		 type;		/* 1 question, 2 answer, 3 comment */
	int		 parent;	/* plan index, or -1 */
	int		 question;	/* plan index of the question */
	int		 user;		/* users[] index, or -1 */
	const char	*anon_name;
	int		 q;		/* questions[] index (questions) */
	int64_t		 created;
	int64_t		 edited;	/* 0 if not edited */
	int		 editor;	/* users[] index */
	const char	*orig;		/* body before the edit, or NULL */
	const char	*body;
	int		 views;
	int		 accepted;	/* best answer's plan index, or -1 */
	bool		 dropped;	/* would lie in the future */
	int64_t		 id;		/* posts.id once written */
};

struct pvote {
	int		 post;		/* plan index */
	int		 user;
	int		 value;
	int64_t		 created;
};

struct ppoints {
	int		 user;
	int		 post;		/* plan index, or -1 */
	int		 actor;		/* users[] index, or -1 */
	const char	*event;
	int		 delta;
	int64_t		 created;
};

/* Everything demo_fill() plans before it writes. */
struct plan {
	struct rnd	 rnd;
	struct arena	 arena;		/* bodies */
	struct buf	 buf;		/* scratch */
	int64_t		 now;
	int64_t		 ucreated[nitems(users)];
	struct ppost	*posts;
	size_t		 nposts, maxposts;
	struct pvote	*votes;
	size_t		 nvotes, maxvotes;
	struct ppoints	*points;
	size_t		 npoints, maxpoints;
};

enum demo_stmt {
	DEMO_STMT_EMPTY,	/* any content already? */
	DEMO_STMT_CATEGORY,
	DEMO_STMT_TAG,
	DEMO_STMT_USER,
	DEMO_STMT_POST,
	DEMO_STMT_SELF,		/* a question's question_id */
	DEMO_STMT_POST_TAG,
	DEMO_STMT_REVISION,
	DEMO_STMT_FTS,
	DEMO_STMT_ACCEPT,
	DEMO_STMT_VOTE,
	DEMO_STMT_POINTS,
	DEMO_STMT_LAST_SEEN,
	DEMO_STMT__MAX
};

static const char *const demo_sql[DEMO_STMT__MAX] = {
	/* EMPTY */
	"SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM posts)"
	" OR EXISTS (SELECT 1 FROM categories) OR EXISTS (SELECT 1 FROM tags)",
	/* CATEGORY */
	"INSERT INTO categories (parent_id, slug, name, description,"
	" position, depth) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	/* TAG */
	"INSERT INTO tags (name, description) VALUES (?1, ?2)",
	/* USER */
	"INSERT INTO users (handle, email, display_name, pwhash, level,"
	" about, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	/* POST */
	"INSERT INTO posts (type, parent_id, question_id, title, slug,"
	" body_md, body_html, tags, category_id, user_id, anon_name, ip,"
	" created, activity, edited, edited_by, views) VALUES (?1, ?2, ?3,"
	" ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
	/* SELF */
	"UPDATE posts SET question_id = id WHERE id = ?1",
	/* POST_TAG */
	"INSERT INTO post_tags (tag_id, post_id) VALUES (?1, ?2)",
	/* REVISION */
	"INSERT INTO revisions (post_id, rev, user_id, anon_name, created,"
	" reason, title, body_md, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	" ?8, ?9)",
	/* FTS */
	"INSERT INTO posts_fts (rowid, title, body, tags) VALUES"
	" (?1, ?2, ?3, ?4)",
	/* ACCEPT */
	"UPDATE posts SET accepted_id = ?2 WHERE id = ?1",
	/* VOTE */
	"INSERT INTO votes (post_id, user_id, value, created) VALUES"
	" (?1, ?2, ?3, ?4)",
	/* POINTS */
	"INSERT INTO points_log (user_id, post_id, actor_id, event, delta,"
	" created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	/* LAST_SEEN */
	"UPDATE users SET last_seen = (SELECT max(t) FROM"
	" (SELECT max(created) AS t FROM posts WHERE user_id = users.id"
	" UNION ALL SELECT max(created) FROM votes"
	" WHERE user_id = users.id))",
};

static sqlite3_stmt	*demo_cache[DEMO_STMT__MAX];
static struct db_stmts	 demo_stmts =
    { demo_sql, DEMO_STMT__MAX, demo_cache, NULL, NULL };

/* Database ids of what was written, by table index. */
static int64_t	 cat_ids[nitems(cats)];
static int64_t	 tag_ids[nitems(tags)];
static int64_t	 user_ids[nitems(users)];

/*
 * Pick a users[] index with probability proportional to its weight as an
 * answerer (answering) or as an asker, never except1 or except2 (-1 for
 * none).  Returns -1 if every remaining weight is 0.
 */
static int
pick_user(struct rnd *r, bool answering, int except1, int except2)
{
	int	 total = 0, w, i, x;

	for (i = 0; i < (int)nitems(users); i++)
		if (i != except1 && i != except2)
			total += answering ? users[i].answer : users[i].ask;
	if (total == 0)
		return -1;
	x = (int)rnd_range(r, 0, total - 1);
	for (i = 0; i < (int)nitems(users); i++) {
		if (i == except1 || i == except2)
			continue;
		w = answering ? users[i].answer : users[i].ask;
		if (x < w)
			return i;
		x -= w;
	}
	return -1;
}

/* Copy the scratch buffer into the plan's arena; NULL if out of memory. */
static const char *
keep(struct plan *p)
{
	if (p->buf.oom)
		return NULL;
	return arena_strndup(&p->arena, p->buf.data != NULL ? p->buf.data :
	    "", p->buf.len);
}

/*
 * Add a post to the plan and return its index, or -1 if the plan is full
 * (which the sizes computed in demo_fill() rule out).  Posts whose time
 * is not before now are marked dropped, and so are the children of a
 * dropped post.
 */
static int
add_post(struct plan *p, int type, int parent, int user, int64_t created,
    const char *body)
{
	struct ppost	*pp;

	if (p->nposts == p->maxposts)
		return -1;
	pp = &p->posts[p->nposts];
	memset(pp, 0, sizeof(*pp));
	pp->type = type;
	pp->parent = parent;
	pp->question = parent < 0 ? (int)p->nposts :
	    p->posts[parent].question;
	pp->user = user;
	pp->created = created;
	pp->body = body;
	pp->accepted = -1;
	pp->dropped = created >= p->now - MINUTE ||
	    (parent >= 0 && p->posts[parent].dropped);
	return (int)p->nposts++;
}

/* Record a points event unless the user is anonymous. */
static void
add_points(struct plan *p, int user, int post, int actor, const char *ev,
    int delta, int64_t created)
{
	if (user < 0 || p->npoints == p->maxpoints)
		return;
	p->points[p->npoints++] = (struct ppoints){ user, post, actor, ev,
	    delta, created };
}

/*
 * Plan up to max votes on a post from distinct users other than its
 * author, each up with probability up_pct, with their points events.
 */
static void
plan_votes(struct plan *p, int post, int max, int up_pct)
{
	struct ppost	*pp = &p->posts[post];
	int		 order[nitems(users)], n, i, j, t, v;
	int64_t		 when;
	bool		 answer = pp->type == 2;

	for (i = 0; i < (int)nitems(users); i++)
		order[i] = i;
	for (i = (int)nitems(users) - 1; i > 0; i--) {
		j = (int)rnd_range(&p->rnd, 0, i);
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	n = (int)rnd_range(&p->rnd, 0, max);
	for (i = 0; i < (int)nitems(users) && n > 0; i++) {
		if (order[i] == pp->user)
			continue;
		n--;
		v = rnd_pct(&p->rnd, up_pct) ? 1 : -1;
		when = pp->created + rnd_range(&p->rnd, 10 * MINUTE, 3 * DAY);
		if (pp->dropped || when >= p->now - MINUTE ||
		    p->nvotes == p->maxvotes)
			continue;
		p->votes[p->nvotes++] = (struct pvote){ post, order[i], v,
		    when };
		/* The default points table (sql/004-voting.sql). */
		if (answer)
			add_points(p, pp->user, post, order[i], v > 0 ?
			    "a_voted_up" : "a_voted_down", v > 0 ? 2 : -2,
			    when);
		else
			add_points(p, pp->user, post, order[i], v > 0 ?
			    "q_voted_up" : "q_voted_down", v > 0 ? 1 : -1,
			    when);
		add_points(p, order[i], post, order[i], v > 0 ? "vote_up" :
		    "vote_down", 1, when);
	}
}

/*
 * With probability pct percent, plan 1 to max comments on plan index
 * post, each a text from texts[0..ntexts), by a random member, the asker
 * (on answers), or now and then an anonymous visitor.  Returns -1 if the
 * plan is full.
 */
static int
plan_comments(struct plan *p, int post, int max, int pct,
    const char *const *texts, size_t ntexts)
{
	int		 n, i, c, user, asker;
	int64_t		 when;
	const char	*anon = NULL;

	if (!rnd_pct(&p->rnd, pct))
		return 0;
	n = (int)rnd_range(&p->rnd, 1, max);
	asker = p->posts[p->posts[post].question].user;
	for (i = 0; i < n; i++) {
		when = p->posts[post].created +
		    rnd_range(&p->rnd, 3 * MINUTE, 20 * HOUR);
		if (p->posts[post].type == 2 && asker >= 0 &&
		    rnd_pct(&p->rnd, 40))
			user = asker;
		else if (rnd_pct(&p->rnd, 6)) {
			user = -1;
			anon = anon_names[rnd_range(&p->rnd, 0,
			    nitems(anon_names) - 1)];
		} else
			user = (int)rnd_range(&p->rnd, 0, nitems(users) - 1);
		if ((c = add_post(p, 3, post, user, when,
		    texts[rnd_range(&p->rnd, 0, (int64_t)ntexts - 1)])) < 0)
			return -1;
		p->posts[c].anon_name = user < 0 ? anon : NULL;
	}
	return 0;
}

/* Whether questions[qi] is one of general_questions[]. */
static bool
general(int qi)
{
	size_t	 i;

	for (i = 0; i < nitems(general_questions); i++)
		if (strncmp(questions[qi].title, general_questions[i],
		    strlen(general_questions[i])) == 0)
			return true;
	return false;
}

/*
 * Build the body of question qi into the scratch buffer: its own text,
 * maybe a list of things tried (not for general questions), maybe a link,
 * maybe a closing line.
 */
static void
question_body(struct plan *p, int qi)
{
	int	 used[nitems(list_items)] = { 0 };
	int	 n, k;

	buf_clear(&p->buf);
	buf_puts(&p->buf, questions[qi].text);
	if (rnd_pct(&p->rnd, 55) && !general(qi)) {
		buf_printf(&p->buf, "\n\n%s\n", list_intros[rnd_range(
		    &p->rnd, 0, nitems(list_intros) - 1)]);
		n = (int)rnd_range(&p->rnd, 2, 4);
		while (n > 0) {
			k = (int)rnd_range(&p->rnd, 0, nitems(list_items) - 1);
			if (used[k])
				continue;
			used[k] = 1;
			buf_printf(&p->buf, "\n- %s", list_items[k]);
			n--;
		}
	}
	if (rnd_pct(&p->rnd, 35))
		buf_printf(&p->buf, "\n\n%s", link_lines[rnd_range(&p->rnd,
		    0, nitems(link_lines) - 1)]);
	if (rnd_pct(&p->rnd, 70))
		buf_printf(&p->buf, "\n\n%s", closings[rnd_range(&p->rnd,
		    0, nitems(closings) - 1)]);
}

/* Build an answer around answers[ai] into the scratch buffer. */
static void
answer_body(struct plan *p, int ai)
{
	const char	*open, *close;

	open = answer_openings[rnd_range(&p->rnd, 0,
	    nitems(answer_openings) - 1)];
	close = answer_closings[rnd_range(&p->rnd, 0,
	    nitems(answer_closings) - 1)];
	buf_clear(&p->buf);
	if (*open != '\0')
		buf_printf(&p->buf, "%s\n\n", open);
	buf_puts(&p->buf, answers[ai].text);
	if (*close != '\0')
		buf_printf(&p->buf, "\n\n%s", close);
}

/*
 * Maybe mark post pi as edited by editor some hours after it was
 * written: the original body is kept for revision 1 and the edit note
 * appended to the body.  Returns -1 if out of memory.
 */
static int
plan_edit(struct plan *p, int pi, int editor, const char *note)
{
	struct ppost	*pp = &p->posts[pi];
	int64_t		 when;

	when = pp->created + rnd_range(&p->rnd, HOUR, 12 * HOUR);
	if (editor < 0 || when >= p->now - MINUTE)
		return 0;
	buf_clear(&p->buf);
	buf_printf(&p->buf, "%s\n\n%s", pp->body, note);
	pp->orig = pp->body;
	if ((pp->body = keep(p)) == NULL)
		return -1;
	pp->edited = when;
	pp->editor = editor;
	return 0;
}

/*
 * Plan the answers to question plan index qp: 0 to 6 of them, the first
 * being the one written for that question if there is one, the others
 * distinct answers that fit its category's group, each with comments and
 * votes; and maybe a best answer.  Returns -1 if out of memory or room.
 */
static int
plan_answers(struct plan *p, int qp)
{
	const struct dquestion *q = &questions[p->posts[qp].q];
	enum group	 g = cats[q->cat].group;
	static const int counts[] = { 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3,
	    3, 4, 4, 4, 5, 5, 6 };
	int		 cand[nitems(answers)], ncand = 0, i, j, t, n;
	int		 first = -1;
	int		 a, user, asker = p->posts[qp].user, prev = -1;
	int		 mine[MAX_ANSWERS], nmine = 0, best, pick;
	bool		 accept;
	int64_t		 when = p->posts[qp].created;
	const char	*body;

	for (i = 0; i < (int)nitems(answers); i++)
		if (answers[i].key != NULL) {
			if (strncmp(q->title, answers[i].key,
			    strlen(answers[i].key)) == 0)
				first = i;
		} else if (answers[i].group == g ||
		    answers[i].group == G_GENERIC)
			cand[ncand++] = i;
	for (i = ncand - 1; i > 0; i--) {
		j = (int)rnd_range(&p->rnd, 0, i);
		t = cand[i];
		cand[i] = cand[j];
		cand[j] = t;
	}
	n = counts[rnd_range(&p->rnd, 0, nitems(counts) - 1)];
	if (first >= 0)
		cand[ncand++] = first;	/* taken first, below */
	for (i = 0; i < n && i < ncand; i++) {
		when += rnd_range(&p->rnd, 10 * MINUTE, 30 * HOUR);
		user = rnd_pct(&p->rnd, 8) ? -1 :
		    pick_user(&p->rnd, true, asker, prev);
		answer_body(p, first >= 0 ? cand[(i + ncand - 1) % ncand] :
		    cand[i]);
		if ((body = keep(p)) == NULL ||
		    (a = add_post(p, 2, qp, user, when, body)) < 0)
			return -1;
		if (user < 0)
			p->posts[a].anon_name = anon_names[rnd_range(&p->rnd,
			    0, nitems(anon_names) - 1)];
		else
			add_points(p, user, a, -1, "a_post", 4, when);
		if (rnd_pct(&p->rnd, 7) && plan_edit(p, a, user,
		    aedits[rnd_range(&p->rnd, 0, nitems(aedits) - 1)]) < 0)
			return -1;
		if (plan_comments(p, a, MAX_ACOMMENTS, 30, acomments,
		    nitems(acomments)) < 0)
			return -1;
		plan_votes(p, a, MAX_AVOTES, 82);
		prev = user;
		if (user >= 0)
			mine[nmine++] = a;
	}
	/*
	 * The asker picks a best answer for about half the questions.  The
	 * draws do not depend on now, so the same seed plans the same site
	 * whenever it runs.
	 */
	accept = rnd_pct(&p->rnd, 50);
	pick = (int)rnd_range(&p->rnd, 0, MAX_ANSWERS * 60 - 1);
	when = rnd_range(&p->rnd, HOUR, 2 * DAY);
	if (asker >= 0 && nmine > 0 && accept) {
		best = mine[pick % nmine];
		when += p->posts[best].created;
		if (!p->posts[best].dropped && when < p->now - MINUTE) {
			p->posts[qp].accepted = best;
			add_points(p, p->posts[best].user, best, asker,
			    "a_selected", 30, when);
			add_points(p, asker, qp, asker, "select_a", 3, when);
		}
	}
	return 0;
}

/*
 * Plan the whole site: the questions in a shuffled order spread over the
 * window, each with its answers, comments, votes and edits, plus each
 * member's base points (points_base) and bonus.  Returns -1 if out of
 * memory.
 */
static int
plan_site(struct plan *p)
{
	int		 order[nitems(questions)], i, j, t, qp, user;
	int64_t		 start = p->now - WINDOW, spacing, when;
	const char	*body, *anon = NULL;

	for (i = 0; i < (int)nitems(users); i++) {
		p->ucreated[i] = start - rnd_range(&p->rnd, DAY, 700 * DAY);
		/* Every account starts with points_base, as new ones do. */
		add_points(p, i, -1, -1, "base", 100, p->ucreated[i]);
		if (users[i].bonus > 0)
			add_points(p, i, -1, -1, "bonus", users[i].bonus,
			    p->ucreated[i] + DAY);
	}
	for (i = 0; i < (int)nitems(questions); i++)
		order[i] = i;
	for (i = (int)nitems(questions) - 1; i > 0; i--) {
		j = (int)rnd_range(&p->rnd, 0, i);
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	spacing = (WINDOW - 12 * HOUR) / (int64_t)nitems(questions);
	for (i = 0; i < (int)nitems(questions); i++) {
		when = start + i * spacing +
		    rnd_range(&p->rnd, 0, spacing * 4 / 5);
		if (rnd_pct(&p->rnd, 12)) {
			user = -1;
			anon = anon_names[rnd_range(&p->rnd, 0,
			    nitems(anon_names) - 1)];
		} else
			user = pick_user(&p->rnd, false, -1, -1);
		question_body(p, order[i]);
		if ((body = keep(p)) == NULL ||
		    (qp = add_post(p, 1, -1, user, when, body)) < 0)
			return -1;
		p->posts[qp].q = order[i];
		p->posts[qp].anon_name = user < 0 ? anon : NULL;
		p->posts[qp].views = (int)rnd_range(&p->rnd, 12, 2400);
		if (user >= 0)
			add_points(p, user, qp, -1, "q_post", 2, when);
		if (i % 7 == 3 && plan_edit(p, qp, user >= 0 ? user :
		    MODERATOR, edits[rnd_range(&p->rnd, 0,
		    nitems(edits) - 1)]) < 0)
			return -1;
		if (plan_comments(p, qp, MAX_QCOMMENTS, 45, qcomments,
		    nitems(qcomments)) < 0)
			return -1;
		plan_votes(p, qp, MAX_QVOTES, 88);
		if (plan_answers(p, qp) < 0)
			return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- */

/* The plan post_cmp() sorts indices of (qsort has no context argument). */
static const struct plan *sort_plan;

/* qsort order of plan indices: by time of creation, then plan order. */
static int
post_cmp(const void *a, const void *b)
{
	const struct ppost	*x = &sort_plan->posts[*(const int *)a];
	const struct ppost	*y = &sort_plan->posts[*(const int *)b];

	if (x->created != y->created)
		return x->created < y->created ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

/* qsort order of votes: by time. */
static int
vote_cmp(const void *a, const void *b)
{
	const struct pvote	*x = a, *y = b;

	return x->created < y->created ? -1 : x->created > y->created;
}

/* qsort order of points events: by time. */
static int
points_cmp(const void *a, const void *b)
{
	const struct ppoints	*x = a, *y = b;

	return x->created < y->created ? -1 : x->created > y->created;
}

/* Bind an id, or NULL when it is 0 or negative. */
static void
bind_id(sqlite3_stmt *st, int idx, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, idx, id);
	else
		sqlite3_bind_null(st, idx);
}

/* The database id of users[] index u, or 0 for anonymous. */
static int64_t
uid(int u)
{
	return u >= 0 ? user_ids[u] : 0;
}

/* The tables that do not depend on the plan: categories, tags, users. */
static enum qa_err
write_fixed(struct db *db, struct plan *p, const char *pwhash)
{
	sqlite3_stmt	*st;
	char		 email[128];
	enum qa_err	 er;
	int		 pos[nitems(cats)] = { 0 }, depth[nitems(cats)];
	int		 rootpos = 0;
	size_t		 i;

	if ((st = db_stmt(db, &demo_stmts, DEMO_STMT_CATEGORY)) == NULL)
		return QA_ESYS;
	for (i = 0; i < nitems(cats); i++) {
		depth[i] = cats[i].parent < 0 ? 0 : depth[cats[i].parent] + 1;
		bind_id(st, 1, cats[i].parent < 0 ? 0 :
		    cat_ids[cats[i].parent]);
		db_bind_text(st, 2, cats[i].slug);
		db_bind_text(st, 3, cats[i].name);
		db_bind_text(st, 4, cats[i].description);
		sqlite3_bind_int(st, 5, cats[i].parent < 0 ? rootpos++ :
		    pos[cats[i].parent]++);
		sqlite3_bind_int(st, 6, depth[i]);
		if ((er = db_run(db, st, "demo: category")) != QA_OK)
			return er;
		cat_ids[i] = sqlite3_last_insert_rowid(db_handle(db));
	}
	if ((st = db_stmt(db, &demo_stmts, DEMO_STMT_TAG)) == NULL)
		return QA_ESYS;
	for (i = 0; i < nitems(tags); i++) {
		db_bind_text(st, 1, tags[i].name);
		db_bind_text(st, 2, tags[i].description);
		if ((er = db_run(db, st, "demo: tag")) != QA_OK)
			return er;
		tag_ids[i] = sqlite3_last_insert_rowid(db_handle(db));
	}
	if ((st = db_stmt(db, &demo_stmts, DEMO_STMT_USER)) == NULL)
		return QA_ESYS;
	for (i = 0; i < nitems(users); i++) {
		snprintf(email, sizeof(email), "%s@example.org",
		    users[i].handle);
		db_bind_text(st, 1, users[i].handle);
		db_bind_text(st, 2, email);
		db_bind_text(st, 3, users[i].name);
		db_bind_text(st, 4, pwhash);
		sqlite3_bind_int(st, 5, users[i].level);
		db_bind_text(st, 6, users[i].about);
		sqlite3_bind_int64(st, 7, p->ucreated[i]);
		if ((er = db_run(db, st, "demo: user")) != QA_OK)
			return er;
		user_ids[i] = sqlite3_last_insert_rowid(db_handle(db));
	}
	return QA_OK;
}

/*
 * The tags of a question: a post_tags row for each name in questions[qi]
 * .tags.  QA_ESYS if a name is not in tags[] (a mistake in the tables).
 */
static enum qa_err
write_tags(struct db *db, int qi, int64_t post_id)
{
	sqlite3_stmt	*st;
	const char	*s = questions[qi].tags, *e;
	size_t		 i, len;
	enum qa_err	 er;

	if ((st = db_stmt(db, &demo_stmts, DEMO_STMT_POST_TAG)) == NULL)
		return QA_ESYS;
	while (*s != '\0') {
		e = strchr(s, ' ');
		len = e != NULL ? (size_t)(e - s) : strlen(s);
		for (i = 0; i < nitems(tags); i++)
			if (strlen(tags[i].name) == len &&
			    strncmp(tags[i].name, s, len) == 0)
				break;
		if (i == nitems(tags)) {
			fprintf(stderr, "demo: unknown tag in \"%s\"\n",
			    questions[qi].tags);
			return QA_ESYS;
		}
		sqlite3_bind_int64(st, 1, tag_ids[i]);
		sqlite3_bind_int64(st, 2, post_id);
		if ((er = db_run(db, st, "demo: post tag")) != QA_OK)
			return er;
		s += len;
		while (*s == ' ')
			s++;
	}
	return QA_OK;
}

/*
 * A revision row: rev 1 holds the original text, rev 2 the edited one.
 */
static enum qa_err
write_revision(struct db *db, const struct ppost *pp, int rev)
{
	sqlite3_stmt	*st;
	const char	*title = NULL, *tagstr = "";

	if ((st = db_stmt(db, &demo_stmts, DEMO_STMT_REVISION)) == NULL)
		return QA_ESYS;
	if (pp->type == 1) {
		title = questions[pp->q].title;
		tagstr = questions[pp->q].tags;
	}
	sqlite3_bind_int64(st, 1, pp->id);
	sqlite3_bind_int(st, 2, rev);
	bind_id(st, 3, uid(rev == 1 ? pp->user : pp->editor));
	db_bind_text(st, 4, rev == 1 ? pp->anon_name : NULL);
	sqlite3_bind_int64(st, 5, rev == 1 ? pp->created : pp->edited);
	db_bind_text(st, 6, rev == 1 ? "" : "added details");
	db_bind_text(st, 7, title);
	db_bind_text(st, 8, rev == 1 && pp->orig != NULL ? pp->orig :
	    pp->body);
	db_bind_text(st, 9, tagstr);
	return db_run(db, st, "demo: revision");
}

/*
 * Write one planned post with its rendered HTML, its revisions, and for
 * a question its slug, tags and search-index row.  Sets pp->id.
 */
static enum qa_err
write_post(struct db *db, struct plan *p, struct ppost *pp)
{
	sqlite3_stmt		*st;
	const struct dquestion	*q = pp->type == 1 ? &questions[pp->q] : NULL;
	char			 ip[32];
	char			 slug[96];
	enum qa_err		 er;

	buf_clear(&p->buf);
	if ((er = markdown_render(pp->body, strlen(pp->body),
	    pp->type == 3 ? MARKDOWN_INLINE : MARKDOWN_BLOCK, &p->buf)) !=
	    QA_OK)
		return er;
	if ((st = db_stmt(db, &demo_stmts, DEMO_STMT_POST)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int(st, 1, pp->type);
	bind_id(st, 2, pp->parent >= 0 ? p->posts[pp->parent].id : 0);
	bind_id(st, 3, pp->parent >= 0 ? p->posts[pp->question].id : 0);
	if (q != NULL) {
		util_slugn(slug, sizeof(slug), q->title);
		db_bind_text(st, 4, q->title);
		db_bind_text(st, 5, slug);
		db_bind_text(st, 8, q->tags);
		sqlite3_bind_int64(st, 9, cat_ids[q->cat]);
	} else
		db_bind_text(st, 8, "");
	db_bind_text(st, 6, pp->body);
	sqlite3_bind_text(st, 7, p->buf.data != NULL ? p->buf.data : "",
	    (int)p->buf.len, SQLITE_TRANSIENT);
	bind_id(st, 10, uid(pp->user));
	db_bind_text(st, 11, pp->anon_name);
	if (pp->user < 0) {
		snprintf(ip, sizeof(ip), "198.51.100.%d",
		    (int)(pp->created % 250) + 1);
		db_bind_text(st, 12, ip);
	}
	sqlite3_bind_int64(st, 13, pp->created);
	sqlite3_bind_int64(st, 14, pp->edited > 0 ? pp->edited :
	    pp->created);
	if (pp->edited > 0) {
		sqlite3_bind_int64(st, 15, pp->edited);
		bind_id(st, 16, uid(pp->editor));
	}
	sqlite3_bind_int(st, 17, pp->views);
	if ((er = db_run(db, st, "demo: post")) != QA_OK)
		return er;
	pp->id = sqlite3_last_insert_rowid(db_handle(db));

	if ((er = write_revision(db, pp, 1)) != QA_OK ||
	    (pp->edited > 0 && (er = write_revision(db, pp, 2)) != QA_OK))
		return er;
	if (q == NULL)
		return QA_OK;

	if ((st = db_stmt(db, &demo_stmts, DEMO_STMT_SELF)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, pp->id);
	if ((er = db_run(db, st, "demo: question id")) != QA_OK)
		return er;
	if ((er = write_tags(db, pp->q, pp->id)) != QA_OK)
		return er;
	buf_clear(&p->buf);
	markdown_text(pp->body, strlen(pp->body), &p->buf);
	if (p->buf.oom)
		return QA_ESYS;
	if ((st = db_stmt(db, &demo_stmts, DEMO_STMT_FTS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, pp->id);
	db_bind_text(st, 2, q->title);
	sqlite3_bind_text(st, 3, p->buf.data != NULL ? p->buf.data : "",
	    (int)p->buf.len, SQLITE_TRANSIENT);
	db_bind_text(st, 4, q->tags);
	return db_run(db, st, "demo: search index");
}

/*
 * Write the plan: posts in order of creation, best answers, votes and
 * points events in order of time, and users' last_seen.  Fills the post
 * counts of *st.
 */
static enum qa_err
write_plan(struct db *db, struct plan *p, struct demo_stats *ds)
{
	sqlite3_stmt	*st;
	struct ppost	*pp;
	int		*order;
	size_t		 i;
	enum qa_err	 er = QA_OK;

	if ((order = calloc(p->nposts, sizeof(*order))) == NULL)
		return QA_ESYS;
	for (i = 0; i < p->nposts; i++)
		order[i] = (int)i;
	sort_plan = p;
	qsort(order, p->nposts, sizeof(*order), post_cmp);
	for (i = 0; i < p->nposts; i++) {
		pp = &p->posts[order[i]];
		if (pp->dropped)
			continue;
		if ((er = write_post(db, p, pp)) != QA_OK)
			goto out;
		ds->questions += pp->type == 1;
		ds->answers += pp->type == 2;
		ds->comments += pp->type == 3;
		ds->anonymous += pp->user < 0;
		ds->edited += pp->edited > 0;
	}

	if ((st = db_stmt(db, &demo_stmts, DEMO_STMT_ACCEPT)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	for (i = 0; i < p->nposts; i++) {
		pp = &p->posts[i];
		if (pp->type != 1 || pp->dropped || pp->accepted < 0)
			continue;
		sqlite3_bind_int64(st, 1, pp->id);
		sqlite3_bind_int64(st, 2, p->posts[pp->accepted].id);
		if ((er = db_run(db, st, "demo: accept")) != QA_OK)
			goto out;
		ds->accepted++;
	}

	qsort(p->votes, p->nvotes, sizeof(*p->votes), vote_cmp);
	if ((st = db_stmt(db, &demo_stmts, DEMO_STMT_VOTE)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	for (i = 0; i < p->nvotes; i++) {
		sqlite3_bind_int64(st, 1, p->posts[p->votes[i].post].id);
		sqlite3_bind_int64(st, 2, uid(p->votes[i].user));
		sqlite3_bind_int(st, 3, p->votes[i].value);
		sqlite3_bind_int64(st, 4, p->votes[i].created);
		if ((er = db_run(db, st, "demo: vote")) != QA_OK)
			goto out;
		ds->votes++;
	}

	qsort(p->points, p->npoints, sizeof(*p->points), points_cmp);
	if ((st = db_stmt(db, &demo_stmts, DEMO_STMT_POINTS)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	for (i = 0; i < p->npoints; i++) {
		if (p->points[i].post >= 0 &&
		    p->posts[p->points[i].post].dropped)
			continue;
		sqlite3_bind_int64(st, 1, uid(p->points[i].user));
		bind_id(st, 2, p->points[i].post >= 0 ?
		    p->posts[p->points[i].post].id : 0);
		bind_id(st, 3, uid(p->points[i].actor));
		db_bind_text(st, 4, p->points[i].event);
		sqlite3_bind_int(st, 5, p->points[i].delta);
		sqlite3_bind_int64(st, 6, p->points[i].created);
		if ((er = db_run(db, st, "demo: points")) != QA_OK)
			goto out;
		ds->points++;
	}

	if ((st = db_stmt(db, &demo_stmts, DEMO_STMT_LAST_SEEN)) == NULL)
		er = QA_ESYS;
	else
		er = db_run(db, st, "demo: last seen");
out:
	free(order);
	return er;
}

/*
 * Fill an empty database (schema created, no users, posts, categories or
 * tags) with the demo site, in one transaction, then recount_all().
 * seed chooses the random decisions (the same seed gives the same site);
 * now is the time the demo ends at (Unix seconds, normally time(NULL)).
 * pwhash, if not NULL, is stored as every demo user's password hash;
 * NULL leaves the accounts without a password, so nobody can log in as
 * them.  On success *ds (may be NULL) holds what was written.
 * Returns QA_OK; QA_ECONFLICT if the database has content (not logged:
 * the caller knows how to say it);
 * QA_ESYS or the database error otherwise (logged), with nothing written.
 */
enum qa_err
demo_fill(struct db *db, uint64_t seed, int64_t now, const char *pwhash,
    struct demo_stats *ds)
{
	struct plan		 p;
	struct demo_stats	 stats;
	sqlite3_stmt		*st;
	enum qa_err		 er;
	int			 rc;
	bool			 intx = false;

	memset(&p, 0, sizeof(p));
	memset(&stats, 0, sizeof(stats));
	arena_init(&p.arena);
	rnd_seed(&p.rnd, seed);
	p.now = now;
	p.maxposts = nitems(questions) * (1 + MAX_QCOMMENTS +
	    MAX_ANSWERS * (1 + MAX_ACOMMENTS));
	p.maxvotes = p.maxposts * MAX_AVOTES;
	p.maxpoints = 2 * p.maxvotes + p.maxposts + 2 * nitems(questions) +
	    2 * nitems(users);
	p.posts = calloc(p.maxposts, sizeof(*p.posts));
	p.votes = calloc(p.maxvotes, sizeof(*p.votes));
	p.points = calloc(p.maxpoints, sizeof(*p.points));
	if (p.posts == NULL || p.votes == NULL || p.points == NULL) {
		fprintf(stderr, "demo: out of memory\n");
		er = QA_ESYS;
		goto out;
	}

	if ((er = db_tx_begin(db)) != QA_OK)
		goto out;
	intx = true;
	if ((st = db_stmt(db, &demo_stmts, DEMO_STMT_EMPTY)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		er = db_err(db, rc, "demo: empty");
		db_done(st);
		goto out;
	}
	if (sqlite3_column_int(st, 0) != 0) {
		db_done(st);
		er = QA_ECONFLICT;	/* the caller says so */
		goto out;
	}
	db_done(st);

	if (plan_site(&p) < 0) {
		fprintf(stderr, "demo: out of memory\n");
		er = QA_ESYS;
		goto out;
	}
	if ((er = write_fixed(db, &p, pwhash)) != QA_OK ||
	    (er = write_plan(db, &p, &stats)) != QA_OK)
		goto out;
	stats.categories = (int)nitems(cats);
	stats.tags = (int)nitems(tags);
	stats.users = (int)nitems(users);
	er = db_tx_commit(db);
out:
	if (intx && er != QA_OK)
		db_tx_rollback(db);
	if (er == QA_OK)
		er = recount_all(db, NULL);
	if (er == QA_OK && ds != NULL)
		*ds = stats;
	free(p.posts);
	free(p.votes);
	free(p.points);
	buf_free(&p.buf);
	arena_free(&p.arena);
	return er;
}
