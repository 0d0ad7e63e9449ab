package dev.rollcall.simulator.data;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Fixed name tables; their order is part of the generator's output, so only append to them. */
final class Names {

    private Names() {}

    static final String[] FEMALE = {
        "Olivia", "Emma", "Charlotte", "Amelia", "Sophia", "Mia", "Isabella", "Ava", "Evelyn", "Luna",
        "Harper", "Sofia", "Camila", "Eleanor", "Elizabeth", "Violet", "Scarlett", "Emily", "Hazel", "Lily",
        "Gianna", "Aurora", "Penelope", "Aria", "Nora", "Chloe", "Ellie", "Mila", "Avery", "Layla",
        "Abigail", "Ella", "Isla", "Eliana", "Nova", "Madison", "Zoe", "Ivy", "Grace", "Lucy",
        "Willow", "Emilia", "Riley", "Naomi", "Victoria", "Stella", "Elena", "Hannah", "Valentina", "Maya",
        "Zoey", "Delilah", "Leah", "Lainey", "Lillian", "Paisley", "Genesis", "Madelyn", "Sadie", "Sophie",
        "Leilani", "Addison", "Natalie", "Josephine", "Alice", "Ruby", "Claire", "Kinsley", "Everly", "Emery",
        "Adeline", "Kennedy", "Maeve", "Audrey", "Autumn", "Athena", "Eden", "Iris", "Anna", "Eloise",
        "Jade", "Maria", "Caroline", "Brooklyn", "Quinn", "Aaliyah", "Vivian", "Liliana", "Gabriella", "Hailey",
        "Sarah", "Savannah", "Cora", "Madeline", "Ximena", "Priya", "Mei", "Fatima", "Amara", "Keira"
    };

    static final String[] MALE = {
        "Liam", "Noah", "Oliver", "James", "Elijah", "Mateo", "Theodore", "Henry", "Lucas", "William",
        "Benjamin", "Levi", "Sebastian", "Jack", "Ezra", "Michael", "Daniel", "Leo", "Owen", "Samuel",
        "Hudson", "Alexander", "Asher", "Luca", "Ethan", "John", "David", "Jackson", "Joseph", "Mason",
        "Luke", "Matthew", "Julian", "Dylan", "Elias", "Jacob", "Maverick", "Gabriel", "Logan", "Aiden",
        "Thomas", "Isaac", "Miles", "Grayson", "Santiago", "Anthony", "Wyatt", "Carter", "Jayden", "Ezekiel",
        "Caleb", "Cooper", "Josiah", "Charles", "Christopher", "Isaiah", "Nolan", "Cameron", "Nathan", "Joshua",
        "Kai", "Waylon", "Angel", "Lincoln", "Andrew", "Roman", "Adrian", "Aaron", "Wesley", "Ian",
        "Thiago", "Axel", "Brooks", "Bennett", "Weston", "Rowan", "Christian", "Theo", "Beau", "Eli",
        "Silas", "Jonathan", "Ryan", "Leonardo", "Walker", "Jaxon", "Micah", "Everett", "Robert", "Enzo",
        "Parker", "Jeremiah", "Jose", "Colton", "Luka", "Easton", "Arjun", "Hiroshi", "Omar", "Kwame"
    };

    static final String[] FAMILY = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
        "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper",
        "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson",
        "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes",
        "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez",
        "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Bell", "Coleman", "Butler", "Henderson", "Barnes",
        "Gonzales", "Fisher", "Vasquez", "Simmons", "Romero", "Jordan", "Patterson", "Alexander", "Hamilton", "Graham",
        "Reynolds", "Griffin", "Wallace", "Moreno", "West", "Cole", "Hayes", "Bryant", "Herrera", "Gibson",
        "Ellis", "Tran", "Medina", "Aguilar", "Stevens", "Murray", "Ford", "Castro", "Marshall", "Owens",
        "O'Brien", "McDonald", "Nakamura", "Chen", "Singh", "Okafor", "Kowalski", "Schmidt", "De La Cruz", "Van Dyke"
    };

    /** Common short forms, parallel to {@link #FEMALE} and {@link #MALE}; null where there is none. */
    static final @Nullable String[] FEMALE_NICK = nicknames(
            FEMALE,
            "Elizabeth",
            "Liz",
            "Eleanor",
            "Ellie",
            "Isabella",
            "Bella",
            "Abigail",
            "Abby",
            "Victoria",
            "Tori",
            "Josephine",
            "Josie",
            "Madeline",
            "Maddie",
            "Madison",
            "Maddy",
            "Gabriella",
            "Gabby",
            "Valentina",
            "Val",
            "Penelope",
            "Penny",
            "Caroline",
            "Carrie",
            "Natalie",
            "Nat",
            "Savannah",
            "Savvy",
            "Lillian",
            "Lily");

    static final @Nullable String[] MALE_NICK = nicknames(
            MALE,
            "William",
            "Will",
            "Benjamin",
            "Ben",
            "Theodore",
            "Teddy",
            "Alexander",
            "Alex",
            "Michael",
            "Mike",
            "Daniel",
            "Dan",
            "Samuel",
            "Sam",
            "Matthew",
            "Matt",
            "Christopher",
            "Chris",
            "Jonathan",
            "Jon",
            "Nathan",
            "Nate",
            "Joshua",
            "Josh",
            "Anthony",
            "Tony",
            "Robert",
            "Bob",
            "Joseph",
            "Joe",
            "Nicholas",
            "Nick",
            "Zachary",
            "Zach",
            "Andrew",
            "Andy",
            "Thomas",
            "Tom",
            "Leonardo",
            "Leo");

    static final String[] TOWNS = {
        "Springfield",
        "Riverside",
        "Fairview",
        "Franklin",
        "Greenville",
        "Madison",
        "Clinton",
        "Georgetown",
        "Salem",
        "Bristol",
        "Arlington",
        "Ashland",
        "Burlington",
        "Clayton",
        "Dover",
        "Hudson",
        "Kingston",
        "Lakewood",
        "Milford",
        "Newport",
        "Oxford",
        "Riverton",
        "Shelbyville",
        "Winchester"
    };

    /** Names for schools; at least as many as the largest scale has schools. */
    static final String[] SCHOOLS = {
        "Lincoln",
        "Washington",
        "Jefferson",
        "Roosevelt",
        "Kennedy",
        "Franklin",
        "Hamilton",
        "Adams",
        "Madison",
        "Monroe",
        "Jackson",
        "Grant",
        "Garfield",
        "Harrison",
        "Cleveland",
        "McKinley",
        "Wilson",
        "Hoover",
        "Truman",
        "Eisenhower",
        "Carver",
        "Douglass",
        "Tubman",
        "Parks",
        "King",
        "Chavez",
        "Earhart",
        "Edison",
        "Einstein",
        "Curie",
        "Whitman",
        "Twain",
        "Emerson",
        "Thoreau",
        "Dickinson",
        "Frost",
        "Hawthorne",
        "Irving",
        "Longfellow",
        "Alcott",
        "Oak Grove",
        "Maple Ridge",
        "Cedar Park",
        "Pine Valley",
        "Willow Creek",
        "Birch Hill",
        "Aspen Meadow",
        "Sunnyside",
        "Lakeview",
        "Hillcrest",
        "Meadowbrook",
        "Brookside",
        "Highland",
        "Westwood",
        "Eastgate",
        "Northfield",
        "Southridge",
        "Riverbend",
        "Stonebridge",
        "Fox Run"
    };

    /** The lower-case ASCII letters of a name, for e-mail addresses and user names. */
    static String key(String name) {
        StringBuilder key = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                key.append(c);
            }
        }
        return key.toString();
    }

    static String[] keys(String[] names) {
        String[] keys = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            keys[i] = key(names[i]);
        }
        return keys;
    }

    private static @Nullable String[] nicknames(String[] names, String... pairs) {
        @Nullable String[] nicknames = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            for (int p = 0; p < pairs.length; p += 2) {
                if (pairs[p].equals(names[i])) {
                    nicknames[i] = pairs[p + 1];
                }
            }
        }
        return nicknames;
    }
}
