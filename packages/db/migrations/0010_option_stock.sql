CREATE TABLE "option_stock" (
	"activity_id" integer NOT NULL,
	"option_id" integer NOT NULL,
	"stock" integer,
	"reserved" integer DEFAULT 0 NOT NULL,
	"sold" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "option_stock_activity_id_option_id_pk" PRIMARY KEY("activity_id","option_id"),
	CONSTRAINT "option_stock_counts" CHECK ("option_stock"."reserved" >= 0 and "option_stock"."sold" >= 0),
	CONSTRAINT "option_stock_within" CHECK ("option_stock"."stock" is null or ("option_stock"."stock" >= 0 and "option_stock"."reserved" + "option_stock"."sold" <= "option_stock"."stock"))
);
--> statement-breakpoint
CREATE TABLE "option_stock_reservations" (
	"group_id" bigint NOT NULL,
	"seat_no" integer NOT NULL,
	"activity_id" integer NOT NULL,
	"option_id" integer NOT NULL,
	"state" text DEFAULT 'reserved' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "option_stock_reservations_group_id_seat_no_pk" PRIMARY KEY("group_id","seat_no"),
	CONSTRAINT "option_stock_reservations_state" CHECK ("option_stock_reservations"."state" in ('reserved', 'sold', 'released'))
);
--> statement-breakpoint
CREATE TABLE "virtual_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"option_id" integer NOT NULL,
	"code" text NOT NULL,
	"order_no" text,
	"member_id" bigint,
	"assigned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "virtual_codes_order_no_unique" UNIQUE("order_no"),
	CONSTRAINT "virtual_codes_unique" UNIQUE("activity_id","option_id","code"),
	CONSTRAINT "virtual_codes_code" CHECK (length("virtual_codes"."code") between 1 and 200),
	CONSTRAINT "virtual_codes_assignment" CHECK (("virtual_codes"."order_no" is null) = ("virtual_codes"."member_id" is null) and ("virtual_codes"."order_no" is null) = ("virtual_codes"."assigned_at" is null))
);
--> statement-breakpoint
ALTER TABLE "option_stock" ADD CONSTRAINT "option_stock_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virtual_codes" ADD CONSTRAINT "virtual_codes_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "virtual_codes_available_idx" ON "virtual_codes" USING btree ("activity_id","option_id","id") WHERE "virtual_codes"."order_no" is null;