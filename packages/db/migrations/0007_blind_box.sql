CREATE TABLE "blind_box_commitments" (
	"ticket_id" bigint NOT NULL,
	"server_seed" text NOT NULL,
	"commitment" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blind_box_commitments_ticket_id_unique" UNIQUE("ticket_id")
);
--> statement-breakpoint
CREATE TABLE "blind_box_prizes" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"name" varchar(64) NOT NULL,
	"kind" text NOT NULL,
	"weight" integer NOT NULL,
	"stock" integer NOT NULL,
	"value_fen" bigint NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blind_box_prizes_weight" CHECK ("blind_box_prizes"."weight" >= 1),
	CONSTRAINT "blind_box_prizes_stock" CHECK ("blind_box_prizes"."stock" >= 0),
	CONSTRAINT "blind_box_prizes_value" CHECK ("blind_box_prizes"."value_fen" >= 0 and "blind_box_prizes"."amount" >= 0),
	CONSTRAINT "blind_box_prizes_kind" CHECK ("blind_box_prizes"."kind" in ('product', 'cash', 'points', 'gold'))
);
--> statement-breakpoint
CREATE TABLE "blind_box_results" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"activity_id" integer NOT NULL,
	"prize_id" integer NOT NULL,
	"prize" jsonb NOT NULL,
	"published" jsonb NOT NULL,
	"order_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blind_box_results_ticket_id_unique" UNIQUE("ticket_id")
);
--> statement-breakpoint
ALTER TABLE "blind_box_commitments" ADD CONSTRAINT "blind_box_commitments_ticket_id_blind_box_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."blind_box_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blind_box_prizes" ADD CONSTRAINT "blind_box_prizes_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blind_box_results" ADD CONSTRAINT "blind_box_results_ticket_id_blind_box_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."blind_box_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blind_box_results" ADD CONSTRAINT "blind_box_results_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blind_box_results" ADD CONSTRAINT "blind_box_results_prize_id_blind_box_prizes_id_fk" FOREIGN KEY ("prize_id") REFERENCES "public"."blind_box_prizes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blind_box_results" ADD CONSTRAINT "blind_box_results_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blind_box_prizes_activity_idx" ON "blind_box_prizes" USING btree ("activity_id","id");--> statement-breakpoint
CREATE INDEX "blind_box_results_member_idx" ON "blind_box_results" USING btree ("member_id","id");