-- CreateTable
CREATE TABLE "ChallengeLab" (
    "learnerId" TEXT NOT NULL,
    "challengeSlug" TEXT NOT NULL,
    "labState" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("learnerId", "challengeSlug"),
    CONSTRAINT "ChallengeLab_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
