"""Every message id the dialogue uses, marked for extraction (English source strings)."""

from __future__ import annotations

from typing import Final


def N_(message: str) -> str:
    """Mark a string for the catalogs; translation happens at the edge."""
    return message


WELCOME: Final = N_(
    "Hello. I help you find someone to talk to about violence, abuse, pressure or worries, "
    "in Dortmund and everywhere in Germany. You do not need to give your name. "
    "You can delete this chat at any time with /exit."
)
ASK_WHO: Final = N_("Who needs help?")
ASK_PLACE: Final = N_("Where do you live? Write a city, a district or a postcode, or pick one.")
ASK_TOPIC: Final = N_("What is it about? Write it in your own words, or pick a topic.")
ASK_LANGUAGE: Final = N_("Which language do you want?")
LANGUAGE_SET: Final = N_("OK, I will write in English.")
PLACE_UNKNOWN: Final = N_("I don't know that place. Try a city, a district or a postcode.")
TOPIC_UNKNOWN: Final = N_("I am not sure I understood. Which of these fits best?")
WHO_UNKNOWN: Final = N_("Sorry, I did not understand that. Who needs help?")
DID_YOU_MEAN_TOPIC: Final = N_("Did you mean: {topic}?")
DID_YOU_MEAN_PLACE: Final = N_("Did you mean: {place}?")
RESULTS: Final = N_("Here is who can help ({place}):")
RESULTS_MORE: Final = N_("More contacts:")
RESULTS_ANYWHERE: Final = N_("Here is who can help, anywhere in Germany:")
RESULTS_NATIONWIDE_ONLY: Final = N_(
    "I found nothing nearby in {place} for this, so here are services for all of Germany:"
)
NO_MORE: Final = N_("Those were all the contacts I have for this.")
GENERAL_LINES: Final = N_("These lines help with any worry, free and without giving your name:")
ADVICE_OWN_CHILD: Final = N_(
    "Listen calmly, believe your child and tell them it is not their fault. "
    "You do not have to solve it alone: these services also advise parents."
)
ADVICE_SOMEONE_ELSE: Final = N_(
    "If someone confides in you: listen, believe them, do not promise to keep everything secret, "
    "and get help together. You can call these services for them or with them."
)
ADVICE_PROFESSIONAL: Final = N_(
    "For professionals: these services advise on suspected child endangerment, also anonymously."
)
CRISIS_KINDS: Final = {
    "danger_now": N_(
        "You are in danger: call 110 (police) now, or 112 (ambulance). Free, also from a mobile "
        "phone without credit. If you can, go to a room you can lock or to a neighbour, and keep "
        "your phone with you."
    ),
    "suicidal": N_(
        "I am glad you wrote. You do not have to get through this alone: these people are there "
        "for you now, free and without your name. If you are in danger right now, call 112."
    ),
    "sexual_now": N_(
        "If it is happening now or you are not safe, call 110 (police). It is not your fault. "
        "When you are safe, these people listen:"
    ),
}
"""One message per crisis kind (knowledge.vocabulary.CRISIS_KINDS)."""
CRISIS_MORE: Final = N_("More crisis lines:")
SAFETY_CHECK: Final = N_("Are you safe right now?")
SAFE_GO_ON: Final = N_("Good. Let's go on.")
GREETING: Final = N_(
    "Hi. I help you find people you can talk to, free and without giving your name."
)
PERSON_NOW: Final = N_(
    "These lines are answered by people and are open now. You do not need to give your name:"
)
PERSON_NONE_OPEN: Final = N_(
    "No counselling line is open right now. In danger, call 112 or 110 at any time. "
    "These open next:"
)
SPEAKS: Final = N_("These services speak {language}:")
SPEAKS_NONE: Final = N_(
    "I found no service here that confirms it speaks {language}. Many lines work with "
    "interpreters: ask for one when you call."
)
FOREIGN_NOTE: Final = N_(
    "This bot speaks German, Romanian, English, Bulgarian, Turkish, Arabic and Ukrainian. "
    "Services that speak {language} come first."
)
ADVICE_OWN_CHILD_EVERYDAY: Final = N_(
    "These services help families with everyday questions, free of charge. Many speak several "
    "languages."
)
ADVICE_SELF_SEXUAL: Final = N_(
    "What happened is not your fault. You can talk about it without giving your name."
)
ADVICE_PROFESSIONAL_EVERYDAY: Final = N_(
    "For professionals: these services take referrals of families; some advise you too."
)
NATIONWIDE_FALLBACK: Final = N_(
    "I found nothing local that fits, so here are lines for all of Germany:"
)
CRISIS_AFTER: Final = N_("When you are ready, we can go on.")
HELP: Final = N_(
    "I ask three short questions (who, where, what) and show services you can reach "
    "without giving your name.\n/start: start\n/language: change language\n/restart: start over\n"
    "/privacy: what is stored\n/exit: delete this chat\n"
    "In danger right now? Call 112 or 110: free, day and night, also from a mobile phone."
)
PRIVACY: Final = N_(
    "helpfinder stores nothing about you: no name, no number, no messages. Your answers stay "
    "in memory for 30 minutes at most and are gone then, or at once with /exit. "
    "Telegram itself keeps this chat on your phone until it is deleted: /exit deletes "
    "what the bot is still allowed to delete (the last 48 hours)."
)
EXITED: Final = N_("Deleted. Write /start to begin again.")
RESTARTED: Final = N_("Let's start again.")
UNSUPPORTED: Final = N_("I can only read text messages. Please write to me in a few words.")
EMPTY: Final = N_("Please write a few words, or pick one of the buttons.")
STALE: Final = N_("That button is from an earlier conversation. Let's start again.")
RATE_LIMITED: Final = N_("You are writing very fast. I will answer in a moment, please wait.")
RESUMED_AFRESH: Final = N_(
    "Sorry, I could not pick up our conversation where it was, so we start afresh."
)
ERROR: Final = N_("Sorry, something went wrong on my side. Please try again, or write /restart.")
GOODBYE: Final = N_("Take care. You can write to me again any time.")

OPT_SELF: Final = N_("Me")
OPT_OWN_CHILD: Final = N_("My child")
OPT_SOMEONE_ELSE: Final = N_("Someone I know")
OPT_PROFESSIONAL: Final = N_("Someone in my care (I work with children)")
OPT_ANYWHERE: Final = N_("Somewhere else / anywhere in Germany")
OPT_SOMETHING_ELSE: Final = N_("Something else")
OPT_YES: Final = N_("Yes")
OPT_NO: Final = N_("No")
OPT_MORE: Final = N_("More contacts")
OPT_OTHER_PLACE: Final = N_("Another place")
OPT_OTHER_TOPIC: Final = N_("Another topic")
OPT_RESTART: Final = N_("Start over")
OPT_EXIT: Final = N_("Exit and delete")
OPT_PLACE: Final = N_("{place}")
OPT_ENDONYM: Final = N_("{endonym}")
OPT_SAFE: Final = N_("Yes, I am safe")
OPT_IN_DANGER: Final = N_("No, I am in danger")
OPT_GO_ON: Final = N_("Show more help")
OPT_MORE_CRISIS: Final = N_("More crisis lines")

TOPIC_LABELS: Final = {
    "sexual_violence": N_("Sexual abuse or assault"),
    "violence": N_("Violence, beating, threats"),
    "neglect": N_("Neglect"),
    "exploitation": N_("Pushed into sex for money, loverboy"),
    "family_support": N_("Stress in the family, parenting"),
    "migration": N_("New in Germany: papers, school, first steps"),
    "work": N_("Work and training"),
    "health": N_("Health and doctors"),
    "mental_health": N_("Worries, sadness, fear"),
    "bullying": N_("Bullying"),
    "rights": N_("My rights, police, court"),
}
WHO_LABELS: Final = {
    "self": OPT_SELF,
    "own_child": OPT_OWN_CHILD,
    "someone_else": OPT_SOMEONE_ELSE,
    "professional": OPT_PROFESSIONAL,
}

# Contact cards and the reasons behind a suggestion (rendered by the adapters).
CARD_PHONE: Final = N_("Phone: {phone}")
CARD_CHAT: Final = N_("Chat: {url}")
CARD_EMAIL: Final = N_("E-mail: {email}")
CARD_WEB: Final = N_("Web: {url}")
CARD_ADDRESS: Final = N_("Address: {address}")
CARD_ALWAYS_OPEN: Final = N_("Open day and night")
CARD_OPEN_UNTIL: Final = N_("Open now, until {time}")
CARD_OPENS: Final = N_("Closed now, opens {when}")
CARD_HOURS_UNKNOWN: Final = N_("Opening hours not confirmed")
CARD_PHONE_MORE: Final = N_("Also: {phone}")
CARD_LANGUAGES_UNKNOWN: Final = N_("Languages: not confirmed")
CARD_IN_GERMAN: Final = N_("(This description is in German.)")
CARD_CONTACT_UNCONFIRMED: Final = N_("Contact details not confirmed yet")
CARD_AS_OF: Final = N_("Source as of {date}")
CARD_AS_OF_UNKNOWN: Final = N_("Date of the source not known")
CARD_LANGUAGES: Final = N_("Languages: {languages}")
CARD_HOURS_IN_YEAR: Final = N_("Hours in {year}: {hours}")
CARD_HOURS_UNDATED: Final = N_("Hours (source undated): {hours}")
CARD_AS_OF_STALE: Final = N_("Source as of {date} – not checked since, details may have changed")
CARD_NOTE_IN_GERMAN: Final = N_("(This note is in German.)")
CARD_FREE: Final = N_("free of charge")
CARD_ANONYMOUS: Final = N_("anonymous")
WHY_TOPIC: Final = N_("helps with: {topic}")
WHY_DISTRICT: Final = N_("in your district")
WHY_CITY: Final = N_("in your city")
WHY_STATE: Final = N_("in your state")
WHY_NATIONWIDE: Final = N_("for all of Germany")
WHY_LANGUAGE: Final = N_("speaks {language}")
WHY_OPEN: Final = N_("open now")
WHY_EMERGENCY: Final = N_("emergency number, day and night")
WHY_CRISIS: Final = N_("crisis line, reachable now")
WHY_CRISIS_LISTED: Final = N_("crisis line")
WHY_GENERAL: Final = N_("general help line")
WHY_REFER: Final = N_("you can refer the family here")
WHY_PERSON: Final = N_("a person answers")
WHY_AUDIENCE: Final = {
    "own_child": N_("also advises parents"),
    "someone_else": N_("also advises friends and relatives"),
    "professional": N_("advises professionals"),
}

# The bot's command menu, per language.
COMMAND_DESCRIPTIONS: Final = {
    "start": N_("Start: find help"),
    "help": N_("How it works"),
    "language": N_("Change language"),
    "restart": N_("Start over"),
    "privacy": N_("What is stored (nothing)"),
    "exit": N_("Quick exit: delete this chat"),
}
