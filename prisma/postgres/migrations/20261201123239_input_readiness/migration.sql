-- CreateTable
CREATE TABLE "Readiness" (
    "id" INTEGER NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Readiness_pkey" PRIMARY KEY ("id")
);
