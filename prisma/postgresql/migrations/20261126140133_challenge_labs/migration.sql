-- CreateTable
CREATE TABLE "ChallengeLab" (
    "learnerId" TEXT NOT NULL,
    "challengeSlug" TEXT NOT NULL,
    "labState" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChallengeLab_pkey" PRIMARY KEY ("learnerId","challengeSlug")
);

-- AddForeignKey
ALTER TABLE "ChallengeLab" ADD CONSTRAINT "ChallengeLab_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
