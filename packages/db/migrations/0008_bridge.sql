CREATE TABLE "bridge_conversions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"conversion_no" text NOT NULL,
	"member_id" bigint NOT NULL,
	"direction" text NOT NULL,
	"amount" bigint NOT NULL,
	"adapter" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"chain_ref" text,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "bridge_conversions_conversion_no_unique" UNIQUE("conversion_no"),
	CONSTRAINT "bridge_conversions_amount" CHECK ("bridge_conversions"."amount" > 0),
	CONSTRAINT "bridge_conversions_direction" CHECK ("bridge_conversions"."direction" in ('out', 'in')),
	CONSTRAINT "bridge_conversions_status" CHECK ("bridge_conversions"."status" in ('pending', 'sent', 'confirmed', 'reversed')),
	CONSTRAINT "bridge_conversions_finished" CHECK (("bridge_conversions"."status" in ('confirmed', 'reversed')) = ("bridge_conversions"."finished_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "bridge_conversions" ADD CONSTRAINT "bridge_conversions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bridge_conversions_due_idx" ON "bridge_conversions" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "bridge_conversions_member_idx" ON "bridge_conversions" USING btree ("member_id","id");