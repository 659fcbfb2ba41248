CREATE TABLE "withdrawals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"withdrawal_no" text NOT NULL,
	"member_id" bigint NOT NULL,
	"provider" text NOT NULL,
	"account_ref" text NOT NULL,
	"amount" bigint NOT NULL,
	"fee_bp" integer NOT NULL,
	"fee" bigint NOT NULL,
	"payout_amount" bigint NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"provider_txn_id" text,
	"reviewed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "withdrawals_withdrawal_no_unique" UNIQUE("withdrawal_no"),
	CONSTRAINT "withdrawals_amount" CHECK ("withdrawals"."amount" > 0 and "withdrawals"."payout_amount" > 0 and "withdrawals"."fee" >= 0),
	CONSTRAINT "withdrawals_parts" CHECK ("withdrawals"."fee" + "withdrawals"."payout_amount" = "withdrawals"."amount"),
	CONSTRAINT "withdrawals_fee_bp" CHECK ("withdrawals"."fee_bp" between 0 and 10000),
	CONSTRAINT "withdrawals_status" CHECK ("withdrawals"."status" in ('requested', 'approved', 'paying', 'paid', 'rejected', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_reviewed_by_operators_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "withdrawals_member_idx" ON "withdrawals" USING btree ("member_id","id");--> statement-breakpoint
CREATE INDEX "withdrawals_status_idx" ON "withdrawals" USING btree ("status","id");