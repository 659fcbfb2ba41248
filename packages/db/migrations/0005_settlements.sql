CREATE TABLE "daily_pool_days" (
	"day" date PRIMARY KEY NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settlement_items" (
	"run_id" integer NOT NULL,
	"member_id" bigint NOT NULL,
	"dividend" bigint DEFAULT 0 NOT NULL,
	"joins" integer DEFAULT 0 NOT NULL,
	"is_paid" boolean DEFAULT false NOT NULL,
	CONSTRAINT "settlement_items_run_id_member_id_pk" PRIMARY KEY("run_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "settlement_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"totals" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "settlement_runs_period" UNIQUE("kind","period"),
	CONSTRAINT "settlement_runs_progress" CHECK ("settlement_runs"."done" between 0 and "settlement_runs"."total")
);
--> statement-breakpoint
ALTER TABLE "settlement_items" ADD CONSTRAINT "settlement_items_run_id_settlement_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."settlement_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "settlement_items_unpaid" ON "settlement_items" USING btree ("run_id","member_id") WHERE not "settlement_items"."is_paid";