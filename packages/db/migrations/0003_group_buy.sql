CREATE TABLE "activities" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(64) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"is_large_zone" boolean DEFAULT false NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"current_version_id" integer,
	"draft" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_dates" CHECK ("activities"."ends_at" is null or "activities"."starts_at" is null or "activities"."ends_at" > "activities"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "activity_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"version" integer NOT NULL,
	"settings" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" integer,
	CONSTRAINT "activity_versions_unique" UNIQUE("activity_id","version")
);
--> statement-breakpoint
CREATE TABLE "blind_box_tickets" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_key" text NOT NULL,
	"member_id" bigint NOT NULL,
	"activity_id" integer NOT NULL,
	"group_id" bigint NOT NULL,
	"opened_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blind_box_tickets_ticket_key_unique" UNIQUE("ticket_key")
);
--> statement-breakpoint
CREATE TABLE "daily_dividend_weights" (
	"day" date NOT NULL,
	"member_id" bigint NOT NULL,
	"weight" bigint NOT NULL,
	CONSTRAINT "daily_dividend_weights_day_member_id_pk" PRIMARY KEY("day","member_id")
);
--> statement-breakpoint
CREATE TABLE "draw_counters" (
	"member_id" bigint NOT NULL,
	"activity_id" integer NOT NULL,
	"counters" jsonb NOT NULL,
	CONSTRAINT "draw_counters_member_id_activity_id_pk" PRIMARY KEY("member_id","activity_id")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"version_id" integer NOT NULL,
	"status" text NOT NULL,
	"group_size" integer NOT NULL,
	"seat_count" integer DEFAULT 0 NOT NULL,
	"server_seed" text NOT NULL,
	"commitment" text NOT NULL,
	"fail_reason" text,
	"draw" jsonb,
	"statement" jsonb,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "groups_seat_count" CHECK ("groups"."seat_count" between 0 and "groups"."group_size")
);
--> statement-breakpoint
CREATE TABLE "join_days" (
	"member_id" bigint NOT NULL,
	"activity_id" integer NOT NULL,
	"day" date NOT NULL,
	"joins" integer NOT NULL,
	CONSTRAINT "join_days_member_id_day_activity_id_pk" PRIMARY KEY("member_id","day","activity_id")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"member_id" bigint NOT NULL,
	"source" text NOT NULL,
	"group_id" bigint,
	"seat_no" integer,
	"activity_id" integer,
	"option_id" integer,
	"item_name" text NOT NULL,
	"kind" text NOT NULL,
	"cost_fen" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"address" jsonb,
	"tracking_no" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_order_no_unique" UNIQUE("order_no"),
	CONSTRAINT "orders_group_seat" UNIQUE("group_id","seat_no")
);
--> statement-breakpoint
CREATE TABLE "seats" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"group_id" bigint NOT NULL,
	"seat_no" integer NOT NULL,
	"member_id" bigint,
	"option_id" integer NOT NULL,
	"member_ref" text NOT NULL,
	"client_seed" varchar(64) DEFAULT '' NOT NULL,
	"is_first_of_day" boolean DEFAULT false NOT NULL,
	"is_first_ever" boolean DEFAULT false NOT NULL,
	"join_day" date NOT NULL,
	"result" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seats_group_seat" UNIQUE("group_id","seat_no"),
	CONSTRAINT "seats_group_member" UNIQUE("group_id","member_id"),
	CONSTRAINT "seats_seat_no" CHECK ("seats"."seat_no" >= 1)
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "first_joined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activity_versions" ADD CONSTRAINT "activity_versions_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_versions" ADD CONSTRAINT "activity_versions_published_by_operators_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blind_box_tickets" ADD CONSTRAINT "blind_box_tickets_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_counters" ADD CONSTRAINT "draw_counters_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_counters" ADD CONSTRAINT "draw_counters_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_version_id_activity_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."activity_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "groups_open_idx" ON "groups" USING btree ("activity_id","id") WHERE "groups"."status" = 'open';--> statement-breakpoint
CREATE INDEX "groups_activity_idx" ON "groups" USING btree ("activity_id","status","id");--> statement-breakpoint
CREATE INDEX "orders_member_idx" ON "orders" USING btree ("member_id","id");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "seats_member_idx" ON "seats" USING btree ("member_id","id");