-- DropIndex
DROP INDEX "ChallengeAttempt_learnerId_challengeSlug_idx";

-- CreateIndex
CREATE INDEX "ChallengeAttempt_learnerId_challengeSlug_createdAt_idx" ON "ChallengeAttempt"("learnerId", "challengeSlug", "createdAt");
