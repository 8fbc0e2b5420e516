-- AlterTable
ALTER TABLE "ChallengeAttempt" ADD COLUMN     "hiddenFlows" JSONB;
