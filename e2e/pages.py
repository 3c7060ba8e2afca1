"""The pages a learner meets first, as paths under a language prefix (in the demo content): audited
by axe-core and Lighthouse in the browser tier and by Lighthouse's performance score in the bench."""

FIRST_PAGES = {
    "home": "",
    "catalogue": "catalogue/",
    "trainer": "catalogue/anchor-points/",
    "support": "support/",
    "status": "status/",
}
