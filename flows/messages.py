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
CRISIS: Final = N_(
    "You are not alone. If you or someone else is in danger right now, call 112 (ambulance, fire) "
    "or 110 (police). It is free, also from a mobile phone. These lines are there for you now:"
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
CARD_ADDRESS: Final = N_("Walk in: {address}")
CARD_ALWAYS_OPEN: Final = N_("Open day and night")
CARD_OPEN_UNTIL: Final = N_("Open now, until {time}")
CARD_OPENS: Final = N_("Closed now, opens {when}")
CARD_HOURS_UNKNOWN: Final = N_("Opening hours not confirmed: check the website or call")
CARD_LANGUAGES: Final = N_("Languages: {languages}")
CARD_FREE: Final = N_("free of charge")
CARD_ANONYMOUS: Final = N_("anonymous")
CARD_CHECKED: Final = N_("Last checked: {date}")
WHY_TOPIC: Final = N_("helps with: {topic}")
WHY_DISTRICT: Final = N_("in your district")
WHY_CITY: Final = N_("in your city")
WHY_STATE: Final = N_("in your state")
WHY_NATIONWIDE: Final = N_("for all of Germany")
WHY_LANGUAGE: Final = N_("speaks {language}")
WHY_OPEN: Final = N_("open now")
WHY_EMERGENCY: Final = N_("emergency number, day and night")
WHY_CRISIS: Final = N_("crisis line, reachable now")
WHY_GENERAL: Final = N_("general help line")
WHY_AUDIENCE: Final = {
    "own_child": N_("also advises parents"),
    "someone_else": N_("also advises friends and relatives"),
    "professional": N_("advises professionals"),
}
LANGUAGE_NAMES: Final = {
    "de": N_("German"),
    "ro": N_("Romanian"),
    "en": N_("English"),
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
