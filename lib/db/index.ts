import "server-only";

export { db, createDb, Prisma, type Db, type ChallengeAttempt, type Learner, type LessonProgress } from "./client";
